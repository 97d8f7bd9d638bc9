package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentViewsTest {

    static final TraceView SIX_SPANS = TraceService.view(Spans.TRACE, Spans.slowCheckout());
    static final Set<Long> PROJECTS = Set.of(1L, 2L);

    @Test
    void aViewIsTakenOnceByACallerWithTheSameProjects() {
        RecentViews recent = new RecentViews(100);
        recent.put(Spans.TRACE, PROJECTS, SIX_SPANS, 0);

        assertThat(recent.take(Spans.TRACE, Set.of(1L), 1)).isEmpty();
        assertThat(recent.take("0".repeat(32), PROJECTS, 1)).isEmpty();
        assertThat(recent.take(Spans.TRACE, Set.of(2L, 1L), 1)).contains(SIX_SPANS);
        assertThat(recent.take(Spans.TRACE, PROJECTS, 2)).isEmpty();
    }

    @Test
    void aViewIsNotServedOnceItIsOlderThanTheKeepingTime() {
        RecentViews recent = new RecentViews(100);
        recent.put(Spans.TRACE, PROJECTS, SIX_SPANS, 0);

        assertThat(recent.take(Spans.TRACE, PROJECTS, RecentViews.KEEP_NANOS + 1))
                .isEmpty();
    }

    @Test
    void theOldestViewsMakeRoomAndATraceOverTheBoundIsNotKept() {
        RecentViews recent = new RecentViews(12);
        recent.put("a".repeat(32), PROJECTS, SIX_SPANS, 0);
        recent.put("b".repeat(32), PROJECTS, SIX_SPANS, 1);
        recent.put("c".repeat(32), PROJECTS, SIX_SPANS, 2);

        assertThat(recent.take("a".repeat(32), PROJECTS, 3)).isEmpty();
        assertThat(recent.take("b".repeat(32), PROJECTS, 3)).isPresent();
        assertThat(recent.take("c".repeat(32), PROJECTS, 3)).isPresent();

        RecentViews tiny = new RecentViews(5);
        tiny.put(Spans.TRACE, PROJECTS, SIX_SPANS, 0);
        assertThat(tiny.take(Spans.TRACE, PROJECTS, 1)).isEmpty();
    }
}
