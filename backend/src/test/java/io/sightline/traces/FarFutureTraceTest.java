package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.sightline.span.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Times near 2^63 ns: an end past the long range saturates instead of wrapping to before the start. */
class FarFutureTraceTest {

    private static final long NEAR_END = Long.MAX_VALUE - 100;

    @Test
    void aChildWhoseEndOverflowsIsCutAtItsParentsEndLikeAnyOverrun() {
        Span root = span("c000000000000001", "", NEAR_END, 50);
        Span child = span("c000000000000002", "c000000000000001", NEAR_END + 40, Long.MAX_VALUE);
        TraceTree tree = new TraceTree(List.of(root, child));

        assertThat(child.endNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(tree.selfNanos(root)).isEqualTo(40);
        assertThat(tree.durationNanos()).isEqualTo(100);
        Map<String, Long> path = CriticalPath.of(tree);
        assertThat(path).containsExactly(entry("c000000000000001", 40L), entry("c000000000000002", 10L));
        assertThat(TraceService.view(Spans.TRACE, List.of(root, child)).spans()).hasSize(2);
    }

    private static Span span(String id, String parent, long startNanos, long durationNanos) {
        return Spans.span(id, parent, "step", 0, 0).toBuilder()
                .startNanos(startNanos)
                .durationNanos(durationNanos)
                .build();
    }
}
