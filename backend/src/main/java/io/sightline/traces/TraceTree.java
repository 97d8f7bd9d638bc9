package io.sightline.traces;

import io.sightline.span.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trace's spans as a tree: children under their parents in start order, and spans whose parent
 * was never received (lost, or sampled away) at the top level beside the root, so nothing is hidden.
 *
 * <p>Span data is untrusted: a reused span ID or a parent cycle must neither hide spans nor loop.
 * Only the first span read with an ID owns children; spans caught in a cycle are shown from the
 * earliest of them, as an extra top-level span.
 */
final class TraceTree {

    private static final Comparator<Span> BY_START =
            Comparator.comparingLong(Span::startNanos).thenComparing(Span::spanId);

    private final Map<String, Span> byId = new HashMap<>();
    private final List<Span> roots = new ArrayList<>();
    private final Map<String, List<Span>> children = new HashMap<>();
    private final List<Placed> depthFirst = new ArrayList<>();
    private final long start;
    private final long end;

    TraceTree(List<Span> spans) {
        spans.forEach(span -> byId.putIfAbsent(span.spanId(), span));
        for (Span span : spans) {
            if (span.isRoot()
                    || !byId.containsKey(span.parentSpanId())
                    || span.parentSpanId().equals(span.spanId())) {
                roots.add(span);
            } else {
                children.computeIfAbsent(span.parentSpanId(), id -> new ArrayList<>())
                        .add(span);
            }
        }
        // The true root first, then orphans, each group by start.
        roots.sort(Comparator.comparing((Span span) -> !span.isRoot()).thenComparing(BY_START));
        children.values().forEach(list -> list.sort(BY_START));
        Set<Span> placed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Span root : roots) {
            visit(root, placed);
        }
        if (placed.size() < spans.size()) {
            spans.stream()
                    .filter(span -> !placed.contains(span))
                    .sorted(BY_START)
                    .forEach(span -> {
                        if (!placed.contains(span)) {
                            roots.add(span);
                            visit(span, placed);
                        }
                    });
        }
        start = spans.stream().mapToLong(Span::startNanos).min().orElse(0);
        end = spans.stream().mapToLong(Span::endNanos).max().orElse(0);
    }

    // An explicit stack, not recursion: a parent chain can be as deep as the trace is long.
    private void visit(Span top, Set<Span> placed) {
        Deque<Placed> pending = new ArrayDeque<>();
        pending.push(new Placed(top, 0));
        while (!pending.isEmpty()) {
            Placed next = pending.pop();
            if (!placed.add(next.span())) {
                continue;
            }
            depthFirst.add(next);
            List<Span> below = children(next.span());
            // Pushed last-first so they come off the stack in start order.
            for (int i = below.size() - 1; i >= 0; i--) {
                pending.push(new Placed(below.get(i), next.depth() + 1));
            }
        }
    }

    /** The root (a span without parent) first if there is one, then spans whose parent is missing, by start. */
    List<Span> roots() {
        return roots;
    }

    /** The span with this ID (the first one read, should a client reuse an ID). */
    Span span(String spanId) {
        return byId.get(spanId);
    }

    /** Children in start order; none for a span that reused another's ID. */
    List<Span> children(Span span) {
        return byId.get(span.spanId()) == span ? children.getOrDefault(span.spanId(), List.of()) : List.of();
    }

    long startNanos() {
        return start;
    }

    /** From the earliest start to the latest end over all spans. */
    long durationNanos() {
        return end - start;
    }

    /** Every span once, depth-first, each with its depth: the order of a waterfall. */
    List<Placed> depthFirst() {
        return depthFirst;
    }

    /**
     * Time the span spends in itself: its duration minus the union of its children's intervals
     * (clipped to the span), so parallel children are not subtracted twice.
     */
    long selfNanos(Span span) {
        long covered = 0;
        long cursor = span.startNanos();
        for (Span child : children(span)) { // sorted by start
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
