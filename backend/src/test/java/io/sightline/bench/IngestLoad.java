package io.sightline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest load generator (not a test): {@code concurrency} exporters, each sending an OTLP/HTTP
 * protobuf request of {@code batch} spans and waiting for the answer before the next, as the
 * OpenTelemetry SDK's exporter does. Reports acknowledged spans/s and request latency over the
 * measured window (after a warm-up), then checks via {@code GET /api/v1/storage} that every
 * acknowledged span was stored.
 *
 * <pre>java -cp … io.sightline.bench.IngestLoad url key [concurrency=64] [seconds=60] [warmup=10] [batch=512]</pre>
 */
public final class IngestLoad {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String key = args[1];
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 512;

        String run = UUID.randomUUID().toString();
        int distinctBodies = 1024;
        System.out.printf("Building %d distinct requests of %d spans (run %s)…%n", distinctBodies, batch, run);
        Random random = new Random(7);
        long now = System.currentTimeMillis() * 1_000_000;
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < distinctBodies; i++) {
            bodies.add(BenchSpans.request(random, batch, now, run).toByteArray());
        }
        System.out.printf("Average request body: %d bytes%n", bodies.stream().mapToInt(b -> b.length).sum() / distinctBodies);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long storedBefore = StorageCount.spans(http, base, key);
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        LongAdder acknowledged = new LongAdder();
        LongAdder measuredSpans = new LongAdder();
        LongAdder measuredRequests = new LongAdder();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        long[][] latencies = new long[concurrency][];
        AtomicLong next = new AtomicLong();
        List<Thread> exporters = new ArrayList<>();
        for (int e = 0; e < concurrency; e++) {
            int exporter = e;
            exporters.add(Thread.ofPlatform().start(() -> {
                long[] own = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < end) {
                    byte[] body = bodies.get((int) (next.getAndIncrement() % bodies.size()));
                    HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/traces"))
                            .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-protobuf")
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception failure) {
                        status = -1;
                    }
                    long answered = System.nanoTime();
                    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                    if (status == 200) {
                        acknowledged.add(batch);
                    }
                    if (sent >= measureFrom && answered <= end) {
                        if (count == own.length) {
                            own = Arrays.copyOf(own, own.length * 2);
                        }
                        own[count++] = answered - sent;
                        measuredRequests.increment();
                        if (status == 200) {
                            measuredSpans.add(batch);
                        }
                    } else if (status != 200 && status != 429 && status != 503) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException interrupted) {
                            return;
                        }
                    }
                }
                latencies[exporter] = Arrays.copyOf(own, count);
            }));
        }
        for (Thread exporter : exporters) {
            exporter.join();
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("%nConcurrency %d, batches of %d spans, %d s measured after %d s warm-up%n", concurrency, batch, seconds, warmup);
        System.out.printf("Acknowledged: %,.0f spans/s, %,.1f requests/s%n", measuredSpans.sum() / (double) seconds,
                measuredRequests.sum() / (double) seconds);
        System.out.printf("Request latency: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n", ms(all, 0.50), ms(all, 0.95),
                ms(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        System.out.printf("Answers: %s%n", new java.util.TreeMap<>(statuses));
        long storedAfter = StorageCount.spans(http, base, key);
        System.out.printf("Acknowledged in total: %,d spans; stored since start: %,d spans (%s)%n", acknowledged.sum(),
                storedAfter - storedBefore, storedAfter - storedBefore >= acknowledged.sum() ? "all stored" : "MISSING SPANS");
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
