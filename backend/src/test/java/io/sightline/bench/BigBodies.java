package io.sightline.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory under load: {@code --concurrency} clients (default 64) each send ~15 MiB protobuf bodies
 * back to back for {@code --duration} (default 60s): whole batches of 40,000 spans, and one-span
 * requests carrying a 15 MiB attribute, alternately. Prints the answers by status. Run through
 * {@code backend/src/bench/bench.sh bodies}, which starts the server with {@code -Xmx512m} and then
 * looks for {@code OutOfMemoryError} in its log.
 */
public final class BigBodies {

    private static final int SPANS = 40_000;
    private static final int BIG_VALUE = 15 << 20;

    private BigBodies() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(args, Set.of("url", "key", "concurrency", "duration"));
        URI url = URI.create(options.baseUrl() + "/v1/traces");
        String key = options.key();
        int concurrency = options.integer("concurrency", 64);
        Duration duration = options.duration("duration", Duration.ofSeconds(60));
        long now = System.currentTimeMillis() * 1_000_000L;
        List<byte[]> bodies = List.of(
                new BenchSpans(UUID.randomUUID().toString(), 1)
                        .batch(SPANS, now, 60_000_000_000L)
                        .bytes(),
                oneSpanWithABigAttribute(now));
        System.out.printf(
                "bodies: %d clients for %d s, bodies of %,d and %,d bytes%n",
                concurrency, duration.toSeconds(), bodies.get(0).length, bodies.get(1).length);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            int first = i;
            clients.add(Thread.ofVirtual().start(() -> {
                for (int n = first; System.nanoTime() < end; n++) {
                    String answer;
                    try {
                        HttpResponse<Void> response = client.send(
                                HttpRequest.newBuilder(url)
                                        .timeout(Duration.ofSeconds(120))
                                        .header("Authorization", "Bearer " + key)
                                        .header("Content-Type", "application/x-protobuf")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(n % bodies.size())))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        answer = Integer.toString(response.statusCode());
                        // As OTLP exporters do: wait as long as the server asks before sending again.
                        long retryAfter = response.headers()
                                .firstValueAsLong("Retry-After")
                                .orElse(0);
                        Thread.sleep(Duration.ofSeconds(retryAfter));
                    } catch (Exception e) {
                        answer = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    answers.computeIfAbsent(answer, a -> new AtomicLong()).incrementAndGet();
                }
            }));
        }
        for (Thread thread : clients) {
            thread.join();
        }
        System.out.println("answers: " + new TreeMap<>(answers));
    }

    /** One span carrying a 15 MiB attribute, as an OTLP protobuf body. */
    public static byte[] oneSpanWithABigAttribute(long now) {
        Span span = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .setName("big")
                .setStartTimeUnixNano(now - 1_000_000)
                .setEndTimeUnixNano(now)
                .addAttributes(KeyValue.newBuilder()
                        .setKey("payload")
                        .setValue(AnyValue.newBuilder().setStringValue("x".repeat(BIG_VALUE))))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
                .build()
                .toByteArray();
    }
}
