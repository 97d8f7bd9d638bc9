package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.bench.BigBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays bounded at any offered load: the packaged app with {@code -Xmx512m} (see
 * {@link AppProcess}) takes 24 concurrent senders of 15 MiB bodies, several times each. Admission
 * answers what does not fit 429 before reading it; the server logs no {@code OutOfMemoryError} and
 * still answers afterwards. {@code bench.sh bodies} is the same load for longer.
 */
class SmallHeapIT {

    private static final int SENDERS = 24;
    private static final int BODIES_EACH = 3;

    @TempDir
    Path directory;

    @Test
    void concurrentHugeBodiesAreRefusedOrStoredWithoutExhaustingTheHeap() throws Exception {
        byte[] body = BigBodies.oneSpanWithABigAttribute(System.currentTimeMillis() * 1_000_000);
        try (AppProcess app = AppProcess.start(directory.resolve("data"), directory.resolve("data/clickhouse"))) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            List<Future<?>> senders = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < SENDERS; i++) {
                    senders.add(threads.submit(() -> {
                        for (int j = 0; j < BODIES_EACH; j++) {
                            int status = http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + app.port() + "/v1/traces"))
                                                    .header("Authorization", "Bearer " + AppProcess.API_KEY)
                                                    .header("Content-Type", "application/x-protobuf")
                                                    .timeout(Duration.ofSeconds(60))
                                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            answers.computeIfAbsent(status, s -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get();
                }
            }
            System.out.printf("SmallHeapIT: 24 senders × 3 bodies of 15 MiB at -Xmx512m: %s%n", new TreeMap<>(answers));

            assertThat(answers.keySet())
                    .as("every body stored or refused as overloaded")
                    .isSubsetOf(200, 429);
            assertThat(answers).as("some bodies got in").containsKey(200);
            assertThat(answers).as("what did not fit was refused").containsKey(429);
            assertThat(app.log()).doesNotContain("OutOfMemoryError");
            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        }
    }
}
