package io.sightline.traces;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Trace IDs as people paste them: any case, with dashes or spaces, a W3C {@code traceparent}
 * ({@code 00-<trace-id>-<span-id>-<flags>}), or a 16-digit ID from older Jaeger/Zipkin clients
 * (left-padded with zeros, as those systems do). Stored IDs are 32 lowercase hex digits.
 */
public final class TraceIds {

    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final Pattern HEX_32 = Pattern.compile("^[0-9a-f]{32}$");
    private static final Pattern HEX_16 = Pattern.compile("^[0-9a-f]{16}$");
    private static final String ZERO_TRACE = "0".repeat(32);

    /** What every reader is told for text that is no trace ID: the API's 400, the MCP tool's error. */
    public static final String NOT_A_TRACE_ID =
            "not a trace ID: expected 32 hex digits (case and dashes are ignored), 16 hex digits or a W3C traceparent";

    private TraceIds() {}

    /**
     * What every reader is told for a trace none of their projects holds, the same whether it exists
     * elsewhere or not at all.
     */
    public static String notFound(String traceId) {
        return "trace " + traceId + " not found in your projects";
    }

    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        var traceparent = TRACEPARENT.matcher(trimmed);
        String id = traceparent.matches() ? traceparent.group(1) : trimmed.replaceAll("[\\s-]", "");
        if (HEX_16.matcher(id).matches()) {
            id = "0".repeat(16) + id;
        }
        return HEX_32.matcher(id).matches() && !id.equals(ZERO_TRACE) ? Optional.of(id) : Optional.empty();
    }
}
