package io.sightline.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Endpoint-page benchmark (not a test): {@code GET /api/v1/latency} for one endpoint over 1 hour
 * (raw spans, exact) and 24 hours and 7 days (the per-minute rollup), then the overview's every
 * endpoint ({@code GET /api/v1/endpoints}) over 7 days, one client.
 *
 * <pre>java -cp … io.sightline.bench.LatencyBench url key [requests per window=100]</pre>
 */
public final class LatencyBench {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String key = args[1];
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String endpoint = "&service=checkout&endpoint=" + URLEncoder.encode("POST /checkout", StandardCharsets.UTF_8);
        Map<String, String> reads = new LinkedHashMap<>();
        for (String range : List.of("1h", "24h", "7d")) {
            reads.put("latency of POST /checkout over " + range, "/api/v1/latency?range=" + range + endpoint);
        }
        reads.put("overview of every endpoint over 7d", "/api/v1/endpoints?range=7d");
        for (Map.Entry<String, String> read : reads.entrySet()) {
            long[] latencies = new long[requests];
            for (int i = -10; i < requests; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(base.resolve(read.getValue()))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            read.getKey() + " answered " + response.statusCode() + ": " + response.body());
                }
                if (i >= 0) {
                    latencies[i] = took;
                }
            }
            Arrays.sort(latencies);
            System.out.printf(
                    "%-36s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms%n",
                    read.getKey(),
                    latencies[requests / 2] / 1e6,
                    latencies[(int) Math.ceil(0.95 * requests) - 1] / 1e6,
                    latencies[requests - 1] / 1e6);
        }
    }
}
