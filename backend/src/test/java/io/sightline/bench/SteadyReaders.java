package io.sightline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Readers beside ingest (not a test): {@code clients} clients each asking for a trace by ID (from
 * the seeded IDs) and {@code clients} each searching one hour picked at random in the last day (the
 * searches of {@link SearchBench}, in turn), each client pausing {@code pause-ms} between requests as
 * a person reading the answers would, for {@code seconds}. Prints each kind's latency percentiles
 * and answers by status; the first {@code warmup} seconds are not measured.
 *
 * <pre>java -cp … io.sightline.bench.SteadyReaders url key trace-ids.txt seconds [clients=1] [pause-ms=100] [warmup=10]</pre>
 */
public final class SteadyReaders {

    private SteadyReaders() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String key = args[1];
        List<String> ids = Files.readAllLines(Path.of(args[2])).stream()
                .filter(line -> !line.isBlank())
                .toList();
        long seconds = Long.parseLong(args[3]);
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        long pauseMillis = args.length > 5 ? Long.parseLong(args[5]) : 100;
        long warmupSeconds = args.length > 6 ? Long.parseLong(args[6]) : 10;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long measureFrom = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long stopAt = System.nanoTime() + seconds * 1_000_000_000L;
        Map<String, Latencies> latencies = Map.of("trace by ID", new Latencies(), "search over 1 h", new Latencies());
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            SplittableRandom random = new SplittableRandom(c);
            threads.add(Thread.ofPlatform()
                    .start(() -> loop(
                            stopAt,
                            pauseMillis,
                            () -> {
                                String id = ids.get(random.nextInt(ids.size()));
                                return new Read("trace by ID", "/api/v1/traces/" + id);
                            },
                            http,
                            base,
                            key,
                            measureFrom,
                            latencies,
                            answers)));
            SplittableRandom searches = new SplittableRandom(100 + c);
            threads.add(Thread.ofPlatform()
                    .start(() -> loop(
                            stopAt,
                            pauseMillis,
                            () -> {
                                Instant to = Instant.now().minus(Duration.ofMinutes(searches.nextInt(23 * 60)));
                                String kind = SearchBench.KINDS.get(searches.nextInt(SearchBench.KINDS.size()));
                                return new Read(
                                        "search over 1 h",
                                        "/api/v1/search?from=" + to.minus(Duration.ofHours(1)) + "&to=" + to + kind);
                            },
                            http,
                            base,
                            key,
                            measureFrom,
                            latencies,
                            answers)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        latencies.forEach((kind, measured) -> System.out.printf(Locale.ROOT, "%-16s %s%n", kind, measured.summary()));
        Map<String, Long> counted = new TreeMap<>();
        answers.forEach((answer, count) -> counted.put(answer, count.sum()));
        System.out.println("answers: " + counted);
    }

    private record Read(String kind, String path) {}

    private static void loop(
            long stopAt,
            long pauseMillis,
            Supplier<Read> next,
            HttpClient http,
            URI base,
            String key,
            long measureFrom,
            Map<String, Latencies> latencies,
            Map<String, LongAdder> answers) {
        while (System.nanoTime() < stopAt) {
            Read read = next.get();
            long start = System.nanoTime();
            String answer;
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(base.resolve(read.path()))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                answer = Integer.toString(response.statusCode());
            } catch (Exception e) {
                answer = e.getClass().getSimpleName();
            }
            if (start >= measureFrom) {
                latencies.get(read.kind()).add(System.nanoTime() - start);
                answers.computeIfAbsent(read.kind() + " " + answer, a -> new LongAdder())
                        .increment();
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
