package io.sightline.traces;

import io.sightline.span.Span;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The critical path: the chain of work that decided when the request finished, computed the way
 * Jaeger and Honeycomb do. Starting at the end of the root, the child that finished last before
 * the current point is what the span was waiting for; the path descends into it, then continues
 * from where that child started. Time between path children is the span's own; children that ran
 * alongside a child already on the path (they finished after the current point) are off the path.
 *
 * <p>Children that overrun their parent (clock skew between hosts) are cut at the parent's end
 * first. The one exception is an asynchronous hand-off: a CONSUMER under a PRODUCER runs after the
 * producer ended, and the request is not over until the consumer is, so a producer (and each of its
 * ancestors) reaches to the end of the last consumer work it caused. The time between the producer's
 * end and its consumer's start — the message waiting in the queue — is then the producer's on the
 * path. The contributions of the spans on the path add up to the root's duration, extended to the
 * end of that asynchronous work.
 */
final class CriticalPath {

    private CriticalPath() {}

    /** Span ID → nanoseconds contributed to the critical path, for every span on it, in path order from the root. */
    static Map<String, Long> of(TraceTree tree) {
        Map<String, Long> contributions = new LinkedHashMap<>();
        if (tree.roots().isEmpty()) {
            return contributions;
        }
        Span root = tree.roots().getFirst();
        Map<Span, Long> reach = reach(tree);
        // An explicit stack of spans being walked, not recursion: a parent chain can be as deep as the trace is long.
        Deque<Step> walking = new ArrayDeque<>();
        walking.push(Step.enter(tree, root, reach.get(root), reach, contributions));
        while (!walking.isEmpty()) {
            Step step = walking.peek();
            Span child = step.nextOnPath(contributions);
            if (child == null) {
                contributions.merge(step.span.spanId(), Math.max(0, step.cursor - step.span.startNanos()), Long::sum);
                walking.pop();
                continue;
            }
            long childEnd = Math.min(reach.get(child), step.end);
            contributions.merge(step.span.spanId(), step.cursor - childEnd, Long::sum);
            step.cursor = Math.max(child.startNanos(), step.span.startNanos());
            walking.push(Step.enter(tree, child, childEnd, reach, contributions));
        }
        return contributions;
    }

    /**
     * Span ID → where the span's work ends: its own end, or later when a consumer of a message it
     * (or a descendant) produced ran past it. Children come after parents depth-first, so walking
     * that order backwards settles every child before its parent.
     */
    private static Map<Span, Long> reach(TraceTree tree) {
        // By identity: span data is untrusted, and a reused span ID must not borrow another span's reach.
        Map<Span, Long> reach = new IdentityHashMap<>();
        List<TraceTree.Placed> order = tree.depthFirst();
        for (int i = order.size() - 1; i >= 0; i--) {
            Span span = order.get(i).span();
            long end = span.endNanos();
            for (Span child : tree.children(span)) {
                // Not yet settled only inside a parent cycle, which the walk does not follow anyway.
                long childReach = reach.getOrDefault(child, child.endNanos());
                // Only asynchronous work extends a parent; an ordinary child's overrun is clock skew.
                if (isHandOff(span, child) || childReach > child.endNanos()) {
                    end = Math.max(end, childReach);
                }
            }
            reach.put(span, end);
        }
        return reach;
    }

    /** A message handed from a producer to its consumer: the consumer's wait for it is queue time, not clock skew. */
    static boolean isHandOff(Span producer, Span child) {
        return producer.kind() == Span.SpanKind.PRODUCER && child.kind() == Span.SpanKind.CONSUMER;
    }

    /** Walking back through {@code span} from {@code end}, which is at most where the span's work ends. */
    private static final class Step {

        private final Span span;
        private final long end;
        private final Map<Span, Long> reach;
        private final Iterator<Span> latestFirst;
        private long cursor;

        private Step(Span span, long end, Map<Span, Long> reach, Iterator<Span> latestFirst) {
            this.span = span;
            this.end = end;
            this.reach = reach;
            this.latestFirst = latestFirst;
            this.cursor = end;
        }

        static Step enter(TraceTree tree, Span span, long end, Map<Span, Long> reach, Map<String, Long> contributions) {
            contributions.putIfAbsent(span.spanId(), 0L);
            List<Span> latestFirst = tree.children(span).stream()
                    .sorted(Comparator.comparingLong((Span child) -> Math.min(reach.get(child), end))
                            .reversed()
                            .thenComparing(Span::startNanos))
                    .toList();
            return new Step(span, end, reach, latestFirst.iterator());
        }

        /** The next child the span waited for, or null when the rest of its time is its own. */
        Span nextOnPath(Map<String, Long> contributions) {
            // One pass suffices: the cursor only moves back, so a child finishing after it never qualifies later.
            while (latestFirst.hasNext()) {
                Span child = latestFirst.next();
                long childEnd = Math.min(reach.get(child), end);
                if (childEnd > cursor
                        || child.startNanos() >= cursor
                        || childEnd <= span.startNanos()
                        || contributions.containsKey(child.spanId())) { // the last test guards against parent cycles
                    continue;
                }
                return child;
            }
            return null;
        }
    }
}
