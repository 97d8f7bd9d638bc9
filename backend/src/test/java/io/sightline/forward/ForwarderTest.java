package io.sightline.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sightline.ingest.SpansCommitted;
import io.sightline.retry.Backoff;
import io.sightline.span.Span;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ForwarderTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static DestinationWorker worker(String name, List<String> projects) {
        var destination = new ForwardingProperties.Destination(
                name,
                "http://127.0.0.1:1",
                "grpc",
                Map.of(),
                projects,
                List.of(),
                100,
                10,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        // never started: what is offered stays queued, where the test reads it
        return new DestinationWorker(
                destination, new DestinationWorkerTest.ScriptedSender(), new Backoff(Duration.ofSeconds(1), () -> 0));
    }

    @Test
    void projectsAreMatchedByNameLookedUpOncePerProject() {
        DestinationWorker shop = worker("shop-only", List.of("shop"));
        DestinationWorker all = worker("all", List.of());
        Forwarder forwarder = new Forwarder(
                List.of(shop, all),
                id -> {
                    lookups.incrementAndGet();
                    return id == 1 ? "shop" : "other";
                },
                Duration.ZERO,
                meters);

        forwarder.on(committed(1, 2));
        forwarder.on(committed(1, 3));
        forwarder.on(committed(2, 4));

        assertThat(shop.counts().queued()).isEqualTo(5);
        assertThat(all.counts().queued()).isEqualTo(9);
        assertThat(lookups).hasValue(2);
        assertThat(meters.get("sightline.forward.queue.spans")
                        .tag("destination", "all")
                        .gauge()
                        .value())
                .isEqualTo(9);
        assertThat(meters.get("sightline.forward.spans")
                        .tags("destination", "shop-only", "outcome", "dropped")
                        .functionCounter()
                        .count())
                .isZero();
    }

    @Test
    void aProjectThatCannotBeLookedUpIsDroppedWhereProjectsAreFilteredAndForwardedElsewhere() {
        DestinationWorker shop = worker("shop-only", List.of("shop"));
        DestinationWorker all = worker("all", List.of());
        Forwarder forwarder = new Forwarder(
                List.of(shop, all),
                id -> {
                    throw new IllegalStateException("metadata database down");
                },
                Duration.ZERO,
                meters);

        forwarder.on(committed(1, 2));

        assertThat(shop.counts()).isEqualTo(new DestinationWorker.Counts(0, 0, 0, 2));
        assertThat(all.counts().queued()).isEqualTo(2);
    }

    private static SpansCommitted committed(long projectId, int spans) {
        List<Span> list = java.util.stream.IntStream.range(0, spans)
                .mapToObj(
                        i -> Span.builder().projectId(projectId).service("api").build())
                .toList();
        return new SpansCommitted(projectId, List.of(), list);
    }
}
