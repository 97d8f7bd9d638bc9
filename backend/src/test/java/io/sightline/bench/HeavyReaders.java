package io.sightline.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Readers at their worst beside ingest (not a test): each client loops over the most expensive reads
 * the APIs allow — the widest time range, no filter, sorted by duration, an attribute scan, raw
 * percentiles, a Jaeger search over the whole lookback — for a fixed time, then prints what each
 * kind of read answered. Run it while {@link IngestLoad} sends, to see whether reads slow ingest.
 *
 * <pre>java -cp … io.sightline.bench.HeavyReaders url key [clients=4] [seconds=60]</pre>
 */
public final class HeavyReaders {

    private static final List<String> READS = List.of(
            "/api/v1/search?range=31d&sort=duration&limit=500",
            "/api/v1/search?range=31d&sort=duration&limit=500&attr="
                    + URLEncoder.encode("db.namespace=shop", StandardCharsets.UTF_8),
            "/api/v1/search?range=6h&abovePercentile=99&sort=duration&limit=500",
            "/api/v1/endpoints?range=31d",
            "/api/v1/endpoints?range=6h",
            "/api/traces?service=checkout&lookback=31d&limit=1500");

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String key = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Duration duration = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 60);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<String, Latencies> latencies = new ConcurrentHashMap<>();
        Map<String, Map<Integer, AtomicInteger>> answers = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int first = client;
            threads.add(Thread.ofPlatform().name("heavy-reader-" + client).start(() -> {
                for (int i = first; System.nanoTime() < deadline; i++) {
                    String read = READS.get(i % READS.size());
                    long start = System.nanoTime();
                    int status = send(http, base.resolve(read), key);
                    latencies.computeIfAbsent(read, r -> new Latencies()).add(System.nanoTime() - start);
                    answers.computeIfAbsent(read, r -> new ConcurrentHashMap<>())
                            .computeIfAbsent(status, s -> new AtomicInteger())
                            .incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (String read : READS) {
            System.out.printf(
                    "%-90s %s; answers %s%n",
                    read,
                    latencies.getOrDefault(read, new Latencies()).summary(),
                    new TreeMap<>(answers.getOrDefault(read, Map.of())));
        }
    }

    /** The status of one read, or 0 when the server could not be reached or did not answer in time. */
    private static int send(HttpClient http, URI uri, String key) {
        try {
            return http.send(
                            HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer " + key)
                                    .timeout(Duration.ofSeconds(120))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
