package io.sightline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trace-by-ID read benchmark (not a test): {@code GET /api/v1/traces/{id}} for trace IDs known to
 * exist, from {@code concurrency} clients, reporting latency percentiles.
 *
 * <pre>java -cp … io.sightline.bench.TraceReadBench url key trace-ids.txt [requests=1000] [concurrency=4]</pre>
 */
public final class TraceReadBench {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String key = args[1];
        List<String> ids = Files.readAllLines(Path.of(args[2])).stream()
                .filter(line -> !line.isBlank())
                .toList();
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        System.out.printf("Spans stored: %,d%n", StorageCount.spans(http, base, key));
        for (int i = 0; i < 50; i++) { // warm-up
            get(http, base, key, ids.get(i % ids.size()));
        }
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            clients.add(Thread.ofPlatform().start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    long start = System.nanoTime();
                    if (!get(http, base, key, ids.get(i % ids.size()))) {
                        failures.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - start;
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        Arrays.sort(latencies);
        System.out.printf(
                "GET /api/v1/traces/{id}: %d requests, %d concurrent, %d failed%n",
                requests, concurrency, failures.get());
        System.out.printf(
                "Latency: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms(latencies, 0.50), ms(latencies, 0.95), ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
    }

    private static boolean get(HttpClient http, URI base, String key, String id) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/traces/" + id))
                            .header("Authorization", "Bearer " + key)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
