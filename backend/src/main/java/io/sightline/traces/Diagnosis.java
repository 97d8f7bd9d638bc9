package io.sightline.traces;

import io.sightline.span.Span;
import java.util.Locale;
import java.util.Map;

/**
 * What made the request take as long as it did, in one sentence: the span with the largest share of
 * the critical path, and whether that time went to an external call, the database or the service's
 * own code.
 *
 * @param spanId the dominating span
 * @param share its critical-path time as a fraction of the trace's duration
 */
record Diagnosis(String spanId, String service, String name, Category category, double criticalMs, double traceMs,
        double share, String summary) {

    enum Category {
        /** A call out of the traced system (a CLIENT span nobody traced the other side of). */
        EXTERNAL,
        DATABASE,
        /** Work inside the service itself, including calls to other traced services' code. */
        OWN_CODE
    }

    static Diagnosis of(TraceTree tree, Map<String, Long> criticalPath) {
        if (criticalPath.isEmpty() || tree.durationNanos() <= 0) {
            return null;
        }
        Map.Entry<String, Long> dominant = criticalPath.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        Span span = tree.depthFirst().stream().map(TraceTree.Placed::span)
                .filter(candidate -> candidate.spanId().equals(dominant.getKey())).findFirst().orElseThrow();
        Category category = categoryOf(span, tree);
        long traceNanos = tree.roots().getFirst().durationNanos() > 0 ? tree.roots().getFirst().durationNanos() : tree.durationNanos();
        double share = (double) dominant.getValue() / traceNanos;
        String what = switch (category) {
            case EXTERNAL -> "the external call " + span.name();
            case DATABASE -> "the database call " + span.name();
            case OWN_CODE -> span.name() + " in " + span.service();
        };
        String verdict = switch (category) {
            case EXTERNAL -> "the bottleneck is an external dependency";
            case DATABASE -> "the bottleneck is the database";
            case OWN_CODE -> "the bottleneck is the service's own code";
        };
        String summary = String.format(Locale.ROOT, "%s accounts for %s of %s (%d %%); %s", what,
                Durations.human(dominant.getValue()), Durations.human(traceNanos), Math.round(share * 100), verdict);
        return new Diagnosis(span.spanId(), span.service(), span.name(), category, Durations.millis(dominant.getValue()),
                Durations.millis(traceNanos), share, summary);
    }

    static Category categoryOf(Span span, TraceTree tree) {
        Map<String, String> attributes = span.attributes();
        if (attributes.containsKey("db.system.name") || attributes.containsKey("db.query.text")) {
            return Category.DATABASE;
        }
        boolean outgoing = span.kind() == Span.SpanKind.CLIENT || span.kind() == Span.SpanKind.PRODUCER;
        if (outgoing && tree.children(span).isEmpty()) {
            return Category.EXTERNAL;
        }
        return Category.OWN_CODE;
    }
}
