package io.sightline.span;

import java.util.List;
import java.util.Map;

/**
 * One span as Sightline stores it: decoded from OTLP, normalised to current OpenTelemetry semantic
 * conventions, secrets redacted. IDs are lowercase hex (32 digits for a trace, 16 for a span); an
 * absent parent is the empty string. Times are epoch nanoseconds.
 *
 * <p>{@code attributes} and {@code resource} hold every value as text; {@code attributeTypes} and
 * {@code resourceTypes} name the OTLP type of those that were not strings, so APIs can give them
 * back typed.
 */
public record Span(
        long projectId,
        String traceId,
        String spanId,
        String parentSpanId,
        String traceState,
        long startNanos,
        long durationNanos,
        String service,
        String name,
        String endpoint,
        SpanKind kind,
        boolean entry,
        StatusCode status,
        String statusMessage,
        String httpMethod,
        int httpStatus,
        String userId,
        String serviceVersion,
        String environment,
        String scopeName,
        String scopeVersion,
        Map<String, String> attributes,
        Map<String, AttributeType> attributeTypes,
        Map<String, String> resource,
        Map<String, AttributeType> resourceTypes,
        List<Event> events,
        List<Link> links) {

    public long endNanos() {
        return startNanos + durationNanos;
    }

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    /** A timestamped annotation; exceptions are events named {@code exception}. */
    public record Event(long timeNanos, String name, Map<String, String> attributes) {}

    /** A causal link to a span of this or another trace (batch consumers, async fan-in). */
    public record Link(String traceId, String spanId, String traceState, Map<String, String> attributes) {}

    /** Matches OTLP's {@code Span.SpanKind} numbering. */
    public enum SpanKind { UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER }

    /** Matches OTLP's {@code Status.StatusCode} numbering. */
    public enum StatusCode { UNSET, OK, ERROR }

    /** OTLP's {@code AnyValue} kinds other than string. */
    public enum AttributeType { BOOL, INT, DOUBLE, ARRAY, MAP, BYTES }
}
