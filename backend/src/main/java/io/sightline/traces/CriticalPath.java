package io.sightline.traces;

import io.sightline.span.Span;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
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
 * first. The contributions of the spans on the path add up to the root's duration.
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
        // An explicit stack of spans being walked, not recursion: a parent chain can be as deep as the trace is long.
        Deque<Step> walking = new ArrayDeque<>();
        walking.push(Step.enter(tree, root, root.endNanos(), contributions));
        while (!walking.isEmpty()) {
            Step step = walking.peek();
            Span child = step.nextOnPath(contributions);
            if (child == null) {
                contributions.merge(step.span.spanId(), Math.max(0, step.cursor - step.span.startNanos()), Long::sum);
                walking.pop();
                continue;
            }
            long childEnd = Math.min(child.endNanos(), step.end);
            contributions.merge(step.span.spanId(), step.cursor - childEnd, Long::sum);
            step.cursor = Math.max(child.startNanos(), step.span.startNanos());
            walking.push(Step.enter(tree, child, childEnd, contributions));
        }
        return contributions;
    }

    /** Walking back through {@code span} from {@code end}, which is at most the span's own end. */
    private static final class Step {

        private final Span span;
        private final long end;
        private final Iterator<Span> latestFirst;
        private long cursor;

        private Step(Span span, long end, Iterator<Span> latestFirst) {
            this.span = span;
            this.end = end;
            this.latestFirst = latestFirst;
            this.cursor = end;
        }

        static Step enter(TraceTree tree, Span span, long end, Map<String, Long> contributions) {
            contributions.putIfAbsent(span.spanId(), 0L);
            List<Span> latestFirst = tree.children(span).stream()
                    .sorted(Comparator.comparingLong((Span child) -> Math.min(child.endNanos(), end))
                            .reversed()
                            .thenComparing(Span::startNanos))
                    .toList();
            return new Step(span, end, latestFirst.iterator());
        }

        /** The next child the span waited for, or null when the rest of its time is its own. */
        Span nextOnPath(Map<String, Long> contributions) {
            // One pass suffices: the cursor only moves back, so a child finishing after it never qualifies later.
            while (latestFirst.hasNext()) {
                Span child = latestFirst.next();
                long childEnd = Math.min(child.endNanos(), end);
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
