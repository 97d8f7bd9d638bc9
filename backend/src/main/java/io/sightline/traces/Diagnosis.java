package io.sightline.traces;

import io.sightline.span.Durations;
import io.sightline.span.SemanticConventions;
import io.sightline.span.Span;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * What made the request take as long as it did, in one sentence: the span contributing the most
 * time to the critical path (its own time on the path, not its children's), that time as a share of
 * the trace, and whether it went to an external dependency, the database or the service's own code.
 *
 * @param spanId the dominating span
 * @param what how the sentence names it ("POST api.stripe.com/v1/charges", "INSERT orders")
 * @param contributedMs the dominating span's time on the critical path
 * @param traceDurationMs the root span's duration (the whole trace's when there is no root)
 * @param sharePercent {@code contributedMs} as a percentage of {@code traceDurationMs}, one decimal
 */
public record Diagnosis(
        String spanId,
        String service,
        String name,
        String what,
        Category category,
        double contributedMs,
        double traceDurationMs,
        double sharePercent,
        String summary) {

    public enum Category {
        /** A call leaving the service to something outside it: a CLIENT span with HTTP, RPC or peer attributes. */
        EXTERNAL,
        /** A span carrying {@code db.system}: time spent in (or waiting for) a database. */
        DATABASE,
        /** Everything else: the service's own code, including time between calls. */
        OWN_CODE
    }

    /** Null when the trace has no critical path (no spans, or zero duration). */
    static Diagnosis of(TraceTree tree, Map<String, Long> criticalPath) {
        if (criticalPath.isEmpty() || tree.durationNanos() <= 0) {
            return null;
        }
        Map.Entry<String, Long> dominant = criticalPath.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow();
        Span span = tree.span(dominant.getKey());
        Span root = tree.roots().getFirst();
        long traceNanos = root.durationNanos() > 0 ? root.durationNanos() : tree.durationNanos();
        double share = 100.0 * dominant.getValue() / traceNanos;
        Category category = categoryOf(span);
        String what = describe(span, category);
        String subject = switch (category) {
            case EXTERNAL -> "the external call " + what;
            case DATABASE -> "the database call " + what;
            case OWN_CODE -> what + " in " + span.service();
        };
        String verdict = switch (category) {
            case EXTERNAL -> "the bottleneck is an external dependency";
            case DATABASE -> "the bottleneck is the database";
            case OWN_CODE -> "the bottleneck is the service's own code";
        };
        String summary = String.format(
                Locale.ROOT,
                "%s accounts for %s of %s (%d %%); %s",
                subject,
                Durations.human(dominant.getValue()),
                Durations.human(traceNanos),
                Math.round(share),
                verdict);
        return new Diagnosis(
                span.spanId(),
                span.service(),
                span.name(),
                what,
                category,
                Durations.millis(dominant.getValue()),
                Durations.millis(traceNanos),
                Math.round(share * 10) / 10.0,
                summary);
    }

    static Category categoryOf(Span span) {
        Map<String, String> attributes = span.attributes();
        if (SemanticConventions.value(attributes, SemanticConventions.DB_SYSTEM) != null) {
            return Category.DATABASE;
        }
        boolean leaves = span.kind() == Span.SpanKind.CLIENT
                || (span.kind() == Span.SpanKind.PRODUCER && attributes.containsKey("messaging.system"));
        boolean remote = attributes.keySet().stream()
                .anyMatch(key -> key.startsWith("http.")
                        || key.startsWith("url.")
                        || key.startsWith("rpc.")
                        || key.startsWith("peer.")
                        || key.startsWith("net.peer.")
                        || key.startsWith("messaging.")
                        || key.equals("server.address"));
        return leaves && remote ? Category.EXTERNAL : Category.OWN_CODE;
    }

    /**
     * The span's name, unless it is a bare HTTP method (current semantic conventions name client
     * spans just "POST"): then method, host and path from {@code url.full}, as people say it.
     */
    static String describe(Span span, Category category) {
        String url = SemanticConventions.value(span.attributes(), SemanticConventions.URL_FULL);
        boolean bareMethod =
                span.name().equals(SemanticConventions.value(span.attributes(), SemanticConventions.HTTP_METHOD))
                        || span.name().equals(span.httpMethod());
        if (category != Category.EXTERNAL || !bareMethod || url == null || url.isEmpty()) {
            return span.name();
        }
        try {
            URI uri = URI.create(url);
            String host = uri.getHost() == null ? "" : uri.getHost();
            return span.name() + " " + host + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return span.name() + " " + url;
        }
    }
}
