package io.sightline.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.retry.Backoff;
import io.sightline.span.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DestinationWorkerTest {

    /** A destination whose answers the test hands out one by one. */
    static final class ScriptedSender implements ExportResult.Sender {
        final BlockingQueue<ExportResult> answers = new LinkedBlockingQueue<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public ExportResult send(ExportTraceServiceRequest request) {
            batchSizes.add(request.getResourceSpans(0).getScopeSpans(0).getSpansCount());
            try {
                return answers.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ExportResult.Retry(null, "interrupted");
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final ScriptedSender sender = new ScriptedSender();

    private DestinationWorker worker(int queueSpans, int batchSpans, List<String> services) {
        var destination = new ForwardingProperties.Destination(
                "test",
                "http://127.0.0.1:1",
                "http/protobuf",
                Map.of("authorization", "Basic c2VjcmV0"),
                List.of(),
                services,
                queueSpans,
                batchSpans,
                Duration.ofSeconds(10),
                Duration.ofSeconds(1));
        return new DestinationWorker(destination, sender, new Backoff(Duration.ofMillis(10), () -> 0.5));
    }

    @Test
    void whatDoesNotFitTheQueueIsDroppedAndCountedWithoutBlocking() {
        DestinationWorker worker = worker(5, 100, List.of()); // not started: nothing leaves the queue

        worker.offer(spans("api", 3));
        worker.offer(spans("api", 3));
        worker.offer(spans("api", 2));

        assertThat(worker.counts()).isEqualTo(new DestinationWorker.Counts(5, 0, 0, 3));
    }

    @Test
    void onlyTheNamedServicesAreQueued() {
        DestinationWorker worker = worker(100, 100, List.of("checkout"));
        List<Span> mixed = new ArrayList<>(spans("checkout", 2));
        mixed.addAll(spans("search", 3));

        worker.offer(mixed);

        assertThat(worker.counts().queued()).isEqualTo(2);
    }

    @Test
    void projectsAreMatchedByNameAndEmptyFiltersTakeEverything() {
        ForwardFilter filter = new ForwardFilter(java.util.Set.of("shop"), java.util.Set.of());
        assertThat(filter.takesProject("shop")).isTrue();
        assertThat(filter.takesProject("Shop")).as("names are exact").isFalse();
        assertThat(filter.takesProject("")).isFalse();
        ForwardFilter all = new ForwardFilter(java.util.Set.of(), java.util.Set.of());
        assertThat(all.takesProject("anything")).isTrue();
        List<Span> spans = spans("api", 2);
        assertThat(all.select(spans)).isSameAs(spans);
    }

    @Test
    void batchesAreRetriedUntilTakenAndCountedOnce() throws Exception {
        DestinationWorker worker = worker(100, 4, List.of());
        sender.answers.add(new ExportResult.Retry(Duration.ofMillis(1), "HTTP 503"));
        sender.answers.add(new ExportResult.Sent(0, ""));
        sender.answers.add(new ExportResult.Sent(1, "one too old"));
        sender.answers.add(new ExportResult.Failed("HTTP 400"));

        worker.offer(spans("api", 6)); // a request larger than a batch goes in parts: 4, then 2...
        worker.offer(spans("api", 2)); // ...joined by the next request while it fits
        worker.offer(spans("api", 3));
        worker.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> worker.counts().queued() == 0);
        assertThat(sender.batchSizes).as("the refused batch once more, then on").containsExactly(4, 4, 4, 3);
        assertThat(worker.counts()).isEqualTo(new DestinationWorker.Counts(0, 4 + 3, 1 + 3, 0));
        worker.close(System.nanoTime());
    }

    @Test
    void closingDrainsUntilTheDeadlineThenDropsWhatIsLeft() throws Exception {
        DestinationWorker worker = worker(100, 2, List.of()).start();
        worker.offer(spans("api", 6));
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.batchSizes.size() == 1);
        sender.answers.add(new ExportResult.Sent(0, "")); // the first batch is taken, then the destination hangs

        long unsent = worker.close(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));

        assertThat(worker.counts()).isEqualTo(new DestinationWorker.Counts(0, 2, 0, 4));
        assertThat(unsent)
                .as("the hung batch is dropped by the interrupt, the rest by close")
                .isEqualTo(2);
        assertThat(sender.closed).isTrue();
        worker.offer(spans("api", 1));
        assertThat(worker.counts().dropped()).as("closed: offers are dropped").isEqualTo(5);
    }

    @Test
    void headerValuesNeverAppearInTheDestinationsText() {
        assertThat(worker(1, 1, List.of()).destination().toString())
                .contains("authorization")
                .doesNotContain("c2VjcmV0");
    }

    private static List<Span> spans(String service, int count) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            spans.add(Span.builder()
                    .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                    .spanId(String.format("%016x", i + 1))
                    .service(service)
                    .build());
        }
        return spans;
    }
}
