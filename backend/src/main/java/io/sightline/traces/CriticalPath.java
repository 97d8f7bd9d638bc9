package io.sightline.traces;

import io.sightline.span.Span;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The critical path: the chain of work that decided when the request finished. Walking back from
 * the end of a span, the child that finished last before that point was what the span was waiting
 * for; the time before it, down to where that child started, is the child's; gaps between children
 * are the span's own. Children running in parallel with the one on the path are off the path.
 *
 * <p>The result gives each span on the path the time it contributed; the contributions add up to
 * the root's duration.
 */
final class CriticalPath {

    private CriticalPath() {}

    /** Span ID → nanoseconds on the critical path, for every span on it, in path order from the root. */
    static Map<String, Long> of(TraceTree tree) {
        Map<String, Long> contributions = new LinkedHashMap<>();
        if (!tree.roots().isEmpty()) {
            Span root = tree.roots().getFirst();
            walk(tree, root, root.endNanos(), contributions);
        }
        return contributions;
    }

    private static void walk(TraceTree tree, Span span, long end, Map<String, Long> contributions) {
        contributions.merge(span.spanId(), 0L, Long::sum);
        long cursor = Math.min(end, span.endNanos());
        List<Span> latestFirst = tree.children(span).stream()
                .sorted(Comparator.comparingLong(Span::endNanos).reversed()).toList();
        for (Span child : latestFirst) {
            if (child.startNanos() >= cursor || cursor <= span.startNanos()) {
                continue; // it ran alongside work already on the path
            }
            long childEnd = Math.min(child.endNanos(), cursor);
            contributions.merge(span.spanId(), cursor - childEnd, Long::sum);
            walk(tree, child, childEnd, contributions);
            cursor = Math.max(child.startNanos(), span.startNanos());
        }
        contributions.merge(span.spanId(), Math.max(0, cursor - span.startNanos()), Long::sum);
    }
}
