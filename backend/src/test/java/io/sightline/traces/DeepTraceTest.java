package io.sightline.traces;

import static io.sightline.traces.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.span.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A parent chain as deep as the trace is long must not overflow the stack anywhere a trace is walked. */
class DeepTraceTest {

    @ParameterizedTest
    @ValueSource(ints = {10_000, 100_000})
    void aChainOfOneChildEachIsWalkedToTheBottom(int depth) {
        List<Span> spans = chain(depth);
        TraceTree tree = new TraceTree(spans);

        assertThat(tree.depthFirst()).hasSize(depth);
        assertThat(tree.depthFirst().getLast().depth()).isEqualTo(depth - 1);
        Map<String, Long> path = CriticalPath.of(tree);
        assertThat(path).hasSize(depth);
        assertThat(path.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(spans.getFirst().durationNanos());
        assertThat(Diagnosis.of(tree, path, RepeatedCalls.of(tree))).isNotNull();
        assertThat(RepeatedCalls.of(tree)).isEmpty();
        TraceView view = TraceService.view(Spans.TRACE, spans);
        assertThat(view.spans()).hasSize(depth);
        assertThat(TracePage.rows(view)).hasSize(depth);
    }

    /** Each span starts 1 ms into its parent and ends 1 ms before it; the deepest lasts 1 ms and more. */
    private static List<Span> chain(int depth) {
        List<Span> spans = new ArrayList<>(depth);
        String parent = "";
        for (int i = 0; i < depth; i++) {
            String id = "%016x".formatted(i + 1);
            spans.add(span(id, parent, "step " + i, i, 2L * (depth - i) + 1));
            parent = id;
        }
        return spans;
    }
}
