package io.sightline.traces;

import static io.sightline.traces.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.sightline.span.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CriticalPathTest {

    @Test
    void storyOneWalksBackThroughTheChargeToStripeThenTheEarlierCalls() {
        Map<String, Long> path = CriticalPath.of(new TraceTree(Spans.slowCheckout()));

        assertThat(path)
                .containsExactly(
                        entry("a000000000000001", ms(193)), // the checkout's own time between and around its calls
                        entry("a000000000000005", ms(40)), // payments.Charge before and after calling Stripe
                        entry("a000000000000006", ms(940)), // POST stripe.com/v1/charges
                        entry("a000000000000004", ms(12)), // INSERT orders
                        entry("a000000000000002", ms(4)), // auth.verify client, around the server span
                        entry("a000000000000003", ms(11))); // auth.verify server
        assertThat(path.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ms(1200));
    }

    @Test
    void aChildRunningAlongsideOneOnThePathIsOffThePath() {
        List<Span> spans = List.of(
                span("b000000000000001", "", "GET /feed", 0, 100),
                span("b000000000000002", "b000000000000001", "fetch posts", 10, 80),
                span("b000000000000003", "b000000000000001", "fetch ads", 10, 30));

        assertThat(CriticalPath.of(new TraceTree(spans)))
                .containsExactly(entry("b000000000000001", ms(20)), entry("b000000000000002", ms(80)));
    }

    @Test
    void onlyAChildThatEndedBeforeTheCurrentPointIsNext() {
        // "late" ends at 100; "early" overlaps its start (ends at 60 > 20), so it is not what the root waited for.
        List<Span> spans = List.of(
                span("c000000000000001", "", "root", 0, 100),
                span("c000000000000002", "c000000000000001", "late", 20, 80),
                span("c000000000000003", "c000000000000001", "early", 0, 60));

        assertThat(CriticalPath.of(new TraceTree(spans)))
                .containsExactly(entry("c000000000000001", ms(20)), entry("c000000000000002", ms(80)));
    }

    @Test
    void sequentialChildrenAreAllOnThePathWithTheGapsAsTheParentsOwnTime() {
        List<Span> spans = List.of(
                span("d000000000000001", "", "root", 0, 100),
                span("d000000000000002", "d000000000000001", "one", 10, 20),
                span("d000000000000003", "d000000000000001", "two", 40, 20),
                span("d000000000000004", "d000000000000001", "three", 70, 20));

        assertThat(CriticalPath.of(new TraceTree(spans)))
                .containsExactly(
                        entry("d000000000000001", ms(40)),
                        entry("d000000000000004", ms(20)),
                        entry("d000000000000003", ms(20)),
                        entry("d000000000000002", ms(20)));
    }

    @Test
    void aChildOverrunningItsParentIsCutAtTheParentsEnd() {
        List<Span> spans = List.of(
                span("e000000000000001", "", "root", 0, 100),
                span("e000000000000002", "e000000000000001", "skewed", 50, 80),
                span("e000000000000003", "e000000000000002", "grandchild", 60, 70));

        Map<String, Long> path = CriticalPath.of(new TraceTree(spans));

        assertThat(path)
                .containsExactly(
                        entry("e000000000000001", ms(50)),
                        entry("e000000000000002", ms(10)),
                        entry("e000000000000003", ms(40)));
        assertThat(path.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ms(100));
    }

    @Test
    void aConsumerOfAMessageExtendsThePathPastTheRequestWithTheQueueWaitAsTheProducers() {
        List<Span> spans = List.of(
                span("a000000000000001", "", "orders", "POST /orders", Span.SpanKind.SERVER, 0, 60, Map.of()),
                span(
                        "a000000000000002",
                        "a000000000000001",
                        "orders",
                        "publish",
                        Span.SpanKind.PRODUCER,
                        40,
                        8,
                        Map.of()),
                span(
                        "a000000000000003",
                        "a000000000000002",
                        "notify",
                        "process",
                        Span.SpanKind.CONSUMER,
                        120,
                        35,
                        Map.of()),
                span(
                        "a000000000000004",
                        "a000000000000003",
                        "notify",
                        "SELECT",
                        Span.SpanKind.CLIENT,
                        125,
                        3,
                        Map.of()));

        Map<String, Long> path = CriticalPath.of(new TraceTree(spans));

        assertThat(path)
                .containsExactly(
                        entry("a000000000000001", ms(40)),
                        entry("a000000000000002", ms(8 + 72)),
                        entry("a000000000000003", ms(32)),
                        entry("a000000000000004", ms(3)));
        assertThat(path.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ms(155));
    }

    @Test
    void aParentCycleDoesNotLoop() {
        List<Span> spans = List.of(
                span("f000000000000001", "f000000000000002", "a", 0, 100),
                span("f000000000000002", "f000000000000001", "b", 10, 50));

        assertThat(CriticalPath.of(new TraceTree(spans))).containsOnlyKeys("f000000000000001", "f000000000000002");
    }

    @Test
    void noSpansNoPath() {
        assertThat(CriticalPath.of(new TraceTree(List.of()))).isEmpty();
    }

    private static long ms(long millis) {
        return millis * 1_000_000;
    }
}
