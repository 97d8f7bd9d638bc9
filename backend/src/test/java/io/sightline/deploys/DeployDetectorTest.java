package io.sightline.deploys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sightline.ingest.SpansCommitted;
import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Deploy detection off the request thread, over a repository that records, hangs or fails on demand. */
class DeployDetectorTest {

    private final List<String> added = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hanging;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();

    private final DeployMarkers repository = new DeployMarkers(null, null) {
        @Override
        public boolean add(
                long project,
                String service,
                String version,
                String environment,
                String commit,
                Instant at,
                DeployMarker.Source source) {
            attempts.incrementAndGet();
            if (hanging) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database down");
            }
            added.add(project + " " + service + " " + version + " " + environment + " " + at + " " + source);
            return true;
        }
    };

    private static SpansCommitted batch(String version) {
        return new SpansCommitted(
                4,
                List.of(new SpansCommitted.ServiceVersion("api", version, "prod", Instant.ofEpochSecond(60))),
                List.of());
    }

    @Test
    void aNewVersionBecomesOneDetectedMarker() throws Exception {
        try (DeployDetector detector = new DeployDetector(repository)) {
            detector.on(batch("1.0"));
            detector.on(batch("1.0"));
            detector.on(batch("1.1"));

            await().atMost(Duration.ofSeconds(5)).until(() -> added.size() == 2);
            assertThat(added)
                    .containsExactly(
                            "4 api 1.0 prod 1970-01-01T00:01:00Z DETECTED",
                            "4 api 1.1 prod 1970-01-01T00:01:00Z DETECTED");
        }
    }

    @Test
    void theListenerDoesNotWaitForTheDatabase() throws Exception {
        hanging = true;
        try (DeployDetector detector = new DeployDetector(repository)) {
            long start = System.nanoTime();
            detector.on(batch("1.0"));
            detector.on(batch("1.1"));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> added.size() == 2);
        }
    }

    @Test
    void aFailedWriteIsRetriedWithALaterBatch() throws Exception {
        failuresLeft.set(1);
        try (DeployDetector detector = new DeployDetector(repository)) {
            detector.on(batch("1.0"));

            // Batches keep coming: once the failed write is forgotten, one of them writes the marker.
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                detector.on(batch("1.0"));
                return added.size() == 1;
            });
            assertThat(attempts).hasValue(2);
        }
    }

    @Test
    void rememberedVersionsStayBoundedAndAForgottenOneIsWrittenAtMostOnceMore() throws Exception {
        try (DeployDetector detector = new DeployDetector(repository, 3)) {
            for (int i = 0; i < 10; i++) {
                detector.on(batch("1." + i));
                assertThat(detector.knownCount()).isLessThanOrEqualTo(3);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> added.size() == 10);

            detector.on(batch("1.9")); // still remembered: no write
            detector.on(batch("1.0")); // forgotten: written once more, the repository ignores the duplicate
            detector.on(batch("1.0"));
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 11);
            assertThat(detector.knownCount()).isEqualTo(3);
        }
        assertThat(attempts).hasValue(11);
    }
}
