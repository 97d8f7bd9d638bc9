package io.sightline.traces;

import io.sightline.span.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace's spans as a tree: children under their parents in start order, and spans whose parent
 * was never received (lost, or sampled away) at the top level beside the root, so nothing is hidden.
 */
final class TraceTree {

    private static final Comparator<Span> BY_START = Comparator.comparingLong(Span::startNanos).thenComparing(Span::spanId);

    private final List<Span> roots = new ArrayList<>();
    private final Map<String, List<Span>> children = new HashMap<>();
    private final long start;
    private final long end;

    TraceTree(List<Span> spans) {
        Map<String, Span> byId = new HashMap<>();
        spans.forEach(span -> byId.put(span.spanId(), span));
        for (Span span : spans) {
            if (span.isRoot() || !byId.containsKey(span.parentSpanId()) || span.parentSpanId().equals(span.spanId())) {
                roots.add(span);
            } else {
                children.computeIfAbsent(span.parentSpanId(), id -> new ArrayList<>()).add(span);
            }
        }
        roots.sort(Comparator.comparing((Span span) -> !span.isRoot()).thenComparing(BY_START));
        children.values().forEach(list -> list.sort(BY_START));
        start = spans.stream().mapToLong(Span::startNanos).min().orElse(0);
        end = spans.stream().mapToLong(Span::endNanos).max().orElse(0);
    }

    List<Span> roots() {
        return roots;
    }

    List<Span> children(Span span) {
        return children.getOrDefault(span.spanId(), List.of());
    }

    long startNanos() {
        return start;
    }

    long durationNanos() {
        return end - start;
    }

    /** Spans depth-first, each with its depth: the order of a waterfall. */
    List<Placed> depthFirst() {
        List<Placed> out = new ArrayList<>();
        for (Span root : roots) {
            visit(root, 0, out);
        }
        return out;
    }

    private void visit(Span span, int depth, List<Placed> out) {
        out.add(new Placed(span, depth));
        for (Span child : children(span)) {
            visit(child, depth + 1, out);
        }
    }

    /**
     * Time the span spends in itself: its duration minus the union of its children's intervals
     * (clipped to the span), so parallel children are not subtracted twice.
     */
    long selfNanos(Span span) {
        List<Span> kids = children(span);
        long covered = 0;
        long cursor = span.startNanos();
        for (Span child : kids) { // sorted by start
            long from = Math.max(child.startNanos(), cursor);
            long to = Math.min(child.endNanos(), span.endNanos());
            if (to > from) {
                covered += to - from;
                cursor = to;
            }
        }
        return Math.max(0, span.durationNanos() - covered);
    }

    record Placed(Span span, int depth) {}
}
