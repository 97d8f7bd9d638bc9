package io.sightline.traces;

import static io.sightline.traces.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.span.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTreeTest {

    @Test
    void childrenSitUnderTheirParentsInStartOrder() {
        TraceTree tree = new TraceTree(List.of(
                span("a000000000000003", "a000000000000001", "second", 50, 10),
                span("a000000000000001", "", "root", 0, 100),
                span("a000000000000004", "a000000000000003", "grandchild", 52, 5),
                span("a000000000000002", "a000000000000001", "first", 10, 10)));

        assertThat(tree.depthFirst())
                .extracting(placed -> placed.span().name() + "@" + placed.depth())
                .containsExactly("root@0", "first@1", "second@1", "grandchild@2");
        assertThat(tree.durationNanos()).isEqualTo(100_000_000);
    }

    @Test
    void spansWhoseParentIsMissingAreAtTheTopAfterTheRootByStart() {
        TraceTree tree = new TraceTree(List.of(
                span("c000000000000003", "eeeeeeeeeeeeeeee", "late orphan", 40, 5),
                span("c000000000000002", "ffffffffffffffff", "orphan", 20, 5),
                span("c000000000000001", "", "root", 30, 10)));

        assertThat(tree.roots()).extracting(Span::name).containsExactly("root", "orphan", "late orphan");
        assertThat(tree.depthFirst()).extracting(TraceTree.Placed::depth).containsExactly(0, 0, 0);
        assertThat(tree.durationNanos()).isEqualTo(25_000_000);
    }

    @Test
    void selfTimeIsTheDurationMinusTheUnionOfChildrenClippedToTheSpan() {
        Span parent = span("b000000000000001", "", "parent", 0, 100);
        TraceTree tree = new TraceTree(List.of(
                parent,
                span("b000000000000002", "b000000000000001", "a", 10, 40), // 10–50
                span("b000000000000003", "b000000000000001", "b", 30, 40), // 30–70, overlaps a
                span("b000000000000004", "b000000000000001", "c", 80, 40))); // 80–120, overruns the parent

        assertThat(tree.selfNanos(parent)).isEqualTo(20_000_000); // 0–10 and 70–80
    }

    @Test
    void storyOneSelfTimes() {
        TraceTree tree = new TraceTree(Spans.slowCheckout());

        assertThat(tree.depthFirst())
                .extracting(placed -> tree.selfNanos(placed.span()) / 1_000_000)
                .containsExactly(193L, 4L, 11L, 12L, 40L, 940L);
    }

    @Test
    void reusedIdsAndParentCyclesNeitherHideSpansNorLoop() {
        List<Span> spans = List.of(
                span("d000000000000001", "", "root", 0, 100),
                span("d000000000000002", "d000000000000001", "child", 10, 10),
                span("d000000000000001", "d000000000000002", "reused root id", 12, 2),
                span("d000000000000008", "d000000000000009", "cycle a", 50, 5),
                span("d000000000000009", "d000000000000008", "cycle b", 51, 3));

        TraceTree tree = new TraceTree(spans);

        assertThat(tree.depthFirst())
                .extracting(placed -> placed.span().name())
                .containsExactly("root", "child", "reused root id", "cycle a", "cycle b");
    }
}
