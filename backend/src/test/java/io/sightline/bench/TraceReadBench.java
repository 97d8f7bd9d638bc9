package io.sightline.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trace-by-ID benchmark: {@code --requests} (default 1000) {@code GET /api/v1/traces/{id}} with
 * {@code --concurrency} (default 4) in flight, after {@code --warmup} (default 50) unmeasured ones,
 * over trace IDs from {@code --ids-file} (written by {@link SpanSeeder}) or, without one, found
 * through the Jaeger search API. Prints latency percentiles, answers by status, and spans per trace.
 */
public final class TraceReadBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TraceReadBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(args, Set.of("url", "key", "requests", "concurrency", "warmup", "ids-file", "ids"));
        URI base = options.baseUrl();
        String key = options.key();
        int requests = options.integer("requests", 1000);
        int concurrency = options.integer("concurrency", 4);
        int warmup = options.integer("warmup", 50);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            List<String> ids = traceIds(http, base, key, Path.of(options.text("ids-file", "target/bench/trace-ids.txt")),
                    options.integer("ids", 200));
            if (ids.isEmpty()) {
                System.out.println("no trace IDs: run `bench.sh seed` first, or send some traces");
                System.exit(1);
            }
            System.out.printf("read: %d × GET /api/v1/traces/{id}, %d in flight, over %d trace IDs, against %s%n",
                    requests, concurrency, ids.size(), base);
            run(http, base, key, ids, warmup, concurrency, new Latencies(), new ConcurrentHashMap<>(), new LongAdder());
            Latencies latencies = new Latencies();
            Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
            LongAdder spans = new LongAdder();
            long started = System.nanoTime();
            run(http, base, key, ids, requests, concurrency, latencies, statuses, spans);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Long> answers = new TreeMap<>();
            statuses.forEach((status, count) -> answers.put(status, count.sum()));
            long ok = answers.getOrDefault("200", 0L);
            System.out.println("latency:  " + latencies.summary());
            System.out.printf(Locale.ROOT, "answers:  %s; %.1f requests/s; %.1f spans per trace found%n", answers,
                    requests / seconds, ok == 0 ? 0.0 : spans.sum() / (double) ok);
            IngestLoad.printStorage(base, key);
        }
    }

    private static void run(HttpClient http, URI base, String key, List<String> ids, int requests, int concurrency,
            Latencies latencies, Map<String, LongAdder> statuses, LongAdder spans) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService readers = Executors.newFixedThreadPool(concurrency)) {
            for (int r = 0; r < concurrency; r++) {
                readers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        String id = ids.get(i % ids.size());
                        long sent = System.nanoTime();
                        String outcome;
                        try {
                            HttpResponse<byte[]> response = http.send(get(base.resolve("/api/v1/traces/" + id), key),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            latencies.add(System.nanoTime() - sent);
                            outcome = Integer.toString(response.statusCode());
                            if (response.statusCode() == 200) {
                                spans.add(JSON.readTree(response.body()).path("spans").size());
                            }
                        } catch (Exception e) {
                            outcome = "error " + e.getClass().getSimpleName();
                        }
                        statuses.computeIfAbsent(outcome, o -> new LongAdder()).increment();
                    }
                    return null;
                });
            }
        }
    }

    /** IDs from the seeder's file, else from a Jaeger search per service over the last day; shuffled. */
    static List<String> traceIds(HttpClient http, URI base, String key, Path file, int wanted) throws Exception {
        List<String> ids = new ArrayList<>();
        if (Files.exists(file)) {
            Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).forEach(ids::add);
            System.out.println("trace IDs from " + file.toAbsolutePath());
        } else {
            JsonNode services = JSON.readTree(http.send(get(base.resolve("/api/services"), key),
                    HttpResponse.BodyHandlers.ofByteArray()).body()).path("data");
            long endMicros = System.currentTimeMillis() * 1000;
            int perService = Math.max(1, wanted / Math.max(1, services.size()));
            for (JsonNode service : services) {
                URI search = base.resolve("/api/traces?service=" + URLEncoder.encode(service.asString(), StandardCharsets.UTF_8)
                        + "&limit=" + perService + "&start=" + (endMicros - 86_400_000_000L) + "&end=" + endMicros);
                for (JsonNode trace : JSON.readTree(http.send(get(search, key), HttpResponse.BodyHandlers.ofByteArray()).body())
                        .path("data")) {
                    ids.add(trace.path("traceID").asString());
                }
            }
            System.out.println("trace IDs from the Jaeger search over " + services.size() + " services");
        }
        Collections.shuffle(ids, new Random(7));
        return ids.size() > wanted ? List.copyOf(ids.subList(0, wanted)) : ids;
    }

    private static HttpRequest get(URI uri, String key) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).build();
    }
}
