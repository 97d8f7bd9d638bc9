package io.sightline.traces;

import io.sightline.span.Durations;
import io.sightline.span.SemanticConventions;
import io.sightline.span.Span;
import io.sightline.web.Formats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sibling calls that repeat the same statement (or, without one, the same span name) under one
 * parent — the N+1 pattern inside a single request: one query per item where one query for all
 * would do. Reported when a parent makes {@link #MIN_REPEATS} or more.
 *
 * @param sequential whether the calls ran one after another (no two overlap), which is what makes them slow
 */
public record RepeatedCalls(
        String parentSpanId, String service, String statement, int count, double totalMs, boolean sequential) {

    static final int MIN_REPEATS = 3;

    static List<RepeatedCalls> of(TraceTree tree) {
        List<RepeatedCalls> found = new ArrayList<>();
        for (TraceTree.Placed placed : tree.depthFirst()) {
            Map<String, List<Span>> bySignature = new LinkedHashMap<>();
            for (Span child : tree.children(placed.span())) {
                if (isCall(child)) {
                    bySignature
                            .computeIfAbsent(statement(child), key -> new ArrayList<>())
                            .add(child);
                }
            }
            bySignature.forEach((statement, calls) -> {
                if (calls.size() >= MIN_REPEATS) {
                    long total = calls.stream().mapToLong(Span::durationNanos).sum();
                    found.add(new RepeatedCalls(
                            placed.span().spanId(),
                            calls.getFirst().service(),
                            statement,
                            calls.size(),
                            Durations.millis(total),
                            sequential(calls)));
                }
            });
        }
        found.sort(Comparator.comparingDouble(RepeatedCalls::totalMs).reversed());
        return found;
    }

    /** "47 sequential calls of SELECT … (850 ms in all)". */
    public String summary() {
        return count + (sequential ? " sequential" : "") + " calls of " + statement + " ("
                + Formats.nanos(Math.round(totalMs * 1e6)) + " in all) under one parent — likely N+1";
    }

    /** What a call ran, as grouping and sentences name it: its query text (either convention's name), else its span name. */
    static String statement(Span span) {
        String text = SemanticConventions.value(span.attributes(), SemanticConventions.DB_QUERY_TEXT);
        return text != null && !text.isBlank() ? text : span.name();
    }

    /** Whether this finding is the one {@code call} belongs to. */
    boolean includes(Span call) {
        return call.parentSpanId().equals(parentSpanId)
                && isCall(call)
                && statement(call).equals(statement);
    }

    private static boolean isCall(Span span) {
        return span.kind() == Span.SpanKind.CLIENT || span.kind() == Span.SpanKind.PRODUCER;
    }

    private static boolean sequential(List<Span> calls) {
        List<Span> byStart = calls.stream()
                .sorted(Comparator.comparingLong(Span::startNanos))
                .toList();
        for (int i = 1; i < byStart.size(); i++) {
            if (byStart.get(i).startNanos() < byStart.get(i - 1).endNanos()) {
                return false;
            }
        }
        return true;
    }
}
