package io.sightline.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Request-search benchmark (not a test): {@code GET /api/v1/search} over a one-hour window picked at
 * random in the last day, for the filters an on-call engineer uses, one client, reporting latency
 * per kind of search.
 *
 * <pre>java -cp … io.sightline.bench.SearchBench url key [requests per kind=100]</pre>
 */
public final class SearchBench {

    static final List<String> KINDS = List.of(
            "",
            "&service=checkout",
            "&user=user-4711",
            "&service=catalog&abovePercentile=99&sort=duration",
            "&status=error",
            "&httpStatus=5xx&sort=duration",
            "&minMs=200&sort=duration",
            "&attr=" + URLEncoder.encode("db.namespace=shop", StandardCharsets.UTF_8));

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String key = args[1];
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Random random = new Random(3);
        System.out.printf("Spans stored: %,d%n", StorageCount.spans(http, base, key));
        long[] all = new long[KINDS.size() * requests];
        int next = 0;
        for (String kind : KINDS) {
            long[] latencies = new long[requests];
            for (int i = -10; i < requests; i++) { // ten warm-up searches per kind
                Instant to = Instant.now().minus(Duration.ofMinutes(random.nextInt(23 * 60)));
                String query = "/api/v1/search?from=" + to.minus(Duration.ofHours(1)) + "&to=" + to + kind;
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(base.resolve(query))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            query + " answered " + response.statusCode() + ": " + response.body());
                }
                if (i >= 0) {
                    latencies[i] = took;
                    all[next++] = took;
                }
            }
            Arrays.sort(latencies);
            System.out.printf(
                    "search %-50s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n",
                    kind.isEmpty() ? "(window only)" : kind,
                    ms(latencies, 0.50),
                    ms(latencies, 0.95),
                    latencies[latencies.length - 1] / 1e6);
        }
        Arrays.sort(all);
        System.out.printf(
                "all searches: %d, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                all.length, ms(all, 0.50), ms(all, 0.95), ms(all, 0.99));
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
