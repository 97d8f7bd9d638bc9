package io.sightline.traces;

import io.sightline.span.Span;
import java.util.Comparator;
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
        if (!tree.roots().isEmpty()) {
            Span root = tree.roots().getFirst();
            walk(tree, root, root.endNanos(), contributions);
        }
        return contributions;
    }

    /** Walks back through {@code span} from {@code end}, which is at most the span's own end. */
    private static void walk(TraceTree tree, Span span, long end, Map<String, Long> contributions) {
        contributions.putIfAbsent(span.spanId(), 0L);
        long cursor = end;
        List<Span> latestFirst = tree.children(span).stream()
                .sorted(Comparator.comparingLong((Span child) -> Math.min(child.endNanos(), end))
                        .reversed()
                        .thenComparing(Span::startNanos))
                .toList();
        // One pass suffices: the cursor only moves back, so a child finishing after it never qualifies later.
        for (Span child : latestFirst) {
            long childEnd = Math.min(child.endNanos(), end);
            if (childEnd > cursor
                    || child.startNanos() >= cursor
                    || childEnd <= span.startNanos()
                    || contributions.containsKey(child.spanId())) { // the last test guards against parent cycles
                continue;
            }
            contributions.merge(span.spanId(), cursor - childEnd, Long::sum);
            walk(tree, child, childEnd, contributions);
            cursor = Math.max(child.startNanos(), span.startNanos());
        }
        contributions.merge(span.spanId(), Math.max(0, cursor - span.startNanos()), Long::sum);
    }
}
