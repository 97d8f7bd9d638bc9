package io.sightline.traces;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Trace views the trace page just built, handed to the page's own request for the same trace's JSON
 * that follows a moment later, so a page view reads and analyses a 100,000-span trace once, not
 * twice. Bounded: at most {@link TraceQueries#MAX_SPANS} spans held in all, each view for at most
 * {@link #KEEP_NANOS}; taking a view removes it, and the oldest goes first when room is needed.
 * Keyed by the trace and the caller's readable projects, so a view reaches only a caller who could
 * have read it anyway.
 */
final class RecentViews {

    static final long KEEP_NANOS = 20_000_000_000L;

    private record Key(String traceId, Set<Long> projects) {}

    private record Held(TraceView view, long since) {}

    private final Map<Key, Held> held = new LinkedHashMap<>();
    private final long maxSpans;
    private long heldSpans;

    RecentViews(long maxSpans) {
        this.maxSpans = maxSpans;
    }

    synchronized void put(String traceId, Set<Long> projects, TraceView view, long now) {
        if (view.spanCount() > maxSpans) {
            return;
        }
        remove(new Key(traceId, projects));
        Iterator<Held> oldest = held.values().iterator();
        while (oldest.hasNext() && heldSpans + view.spanCount() > maxSpans) {
            heldSpans -= oldest.next().view().spanCount();
            oldest.remove();
        }
        held.put(new Key(traceId, projects), new Held(view, now));
        heldSpans += view.spanCount();
    }

    /** The view put for this trace and these projects within {@link #KEEP_NANOS} before {@code now}, removed. */
    synchronized Optional<TraceView> take(String traceId, Set<Long> projects, long now) {
        held.values().removeIf(entry -> {
            boolean stale = now - entry.since() > KEEP_NANOS;
            heldSpans -= stale ? entry.view().spanCount() : 0;
            return stale;
        });
        return Optional.ofNullable(remove(new Key(traceId, projects))).map(Held::view);
    }

    private Held remove(Key key) {
        Held removed = held.remove(key);
        if (removed != null) {
            heldSpans -= removed.view().spanCount();
        }
        return removed;
    }
}
