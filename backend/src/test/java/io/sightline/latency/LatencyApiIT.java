package io.sightline.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/latency} against a nearest-rank computation on the same durations. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LatencyApiIT extends IntegrationTest {

    final String service = "latency-" + UUID.randomUUID().toString().substring(0, 8);
    final List<Long> durations = new ArrayList<>();

    @BeforeAll
    void sendRequests() {
        Random random = new Random(11);
        for (int i = 0; i < 137; i++) {
            durations.add((long) (1 + Math.exp(random.nextGaussian() * 1.2 + 4))); // 1 ms to a few seconds
        }
        try (var senders = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < durations.size(); i++) {
                long ms = durations.get(i);
                boolean error = i % 10 == 0;
                senders.submit(() -> {
                    OtlpFixture trace = new OtlpFixture();
                    trace.span(
                            service,
                            null,
                            "GET /items",
                            Span.SpanKind.SPAN_KIND_SERVER,
                            0,
                            ms,
                            error,
                            "http.request.method",
                            "GET",
                            "http.route",
                            "/items");
                    return trace.send(port, BOOTSTRAP_KEY);
                });
            }
        }
    }

    @Test
    void percentilesAndBucketsEqualANearestRankComputationOnTheSameDurations() throws Exception {
        JsonNode latency = get("/api/v1/latency?range=1h&service=" + service + "&endpoint=" + encode("GET /items"));

        List<Long> sorted = durations.stream().sorted().toList();
        assertThat(latency.get("requests").asLong()).isEqualTo(137);
        assertThat(latency.get("errors").asLong()).isEqualTo(14);
        JsonNode percentiles = latency.get("percentilesMs");
        for (String name : List.of("p50", "p75", "p90", "p95", "p99")) {
            double q = Integer.parseInt(name.substring(1)) / 100.0;
            long expected = sorted.get((int) Math.ceil(q * sorted.size()) - 1);
            assertThat(percentiles.get(name).asDouble()).as(name).isEqualTo((double) expected);
        }
        long[] bounds = {10, 25, 50, 100, 200, 500, 1000, 2000, Long.MAX_VALUE};
        JsonNode buckets = latency.get("buckets");
        assertThat(buckets.size()).isEqualTo(9);
        long lower = 0;
        for (int i = 0; i < bounds.length; i++) {
            long from = lower;
            long to = bounds[i];
            long expected = durations.stream().filter(d -> d >= from && d < to).count();
            assertThat(buckets.get(i).get("count").asLong())
                    .as(buckets.get(i).get("label").asString())
                    .isEqualTo(expected);
            lower = to;
        }
        assertThat(buckets.get(0).get("label").asString()).isEqualTo("0–10 ms");
        assertThat(buckets.get(6).get("label").asString()).isEqualTo("500 ms–1 s");
        assertThat(buckets.get(8).get("label").asString()).isEqualTo("2 s+");
        assertThat(latency.get("slowest").get(0).get("durationMs").asDouble()).isEqualTo((double) sorted.getLast());
        long seriesTotal = 0;
        for (JsonNode point : latency.get("series")) {
            seriesTotal += point.get("requests").asLong();
        }
        assertThat(seriesTotal).isEqualTo(137);
    }

    @Test
    void longWindowsReadTheRollupWithNearestRankWithinHalfAPercentAndExactCounts() throws Exception {
        JsonNode latency = api("/api/v1/latency?range=7d&service=" + service + "&endpoint=" + encode("GET /items"));

        assertThat(latency.get("precision").asString()).startsWith("per-minute rollup");
        assertThat(latency.get("requests").asLong()).isEqualTo(137);
        assertThat(latency.get("errors").asLong()).isEqualTo(14);
        List<Long> sorted = durations.stream().sorted().toList();
        for (String name : List.of("p50", "p75", "p90", "p95", "p99")) {
            double q = Integer.parseInt(name.substring(1)) / 100.0;
            double expected = sorted.get((int) Math.ceil(q * sorted.size()) - 1);
            assertThat(latency.get("percentilesMs").get(name).asDouble())
                    .as(name)
                    .isCloseTo(expected, Percentage.withPercentage(0.5));
        }
        long[] bounds = {10, 25, 50, 100, 200, 500, 1000, 2000, Long.MAX_VALUE};
        long lower = 0;
        for (int i = 0; i < bounds.length; i++) {
            long from = lower;
            long to = bounds[i];
            assertThat(latency.get("buckets").get(i).get("count").asLong())
                    .isEqualTo(
                            durations.stream().filter(d -> d >= from && d < to).count());
            lower = to;
        }
    }

    @Test
    void theHeatmapCountsEveryRequestInItsBucketOnRawSpansAndOnTheRollup() throws Exception {
        for (String range : List.of("1h", "7d")) {
            JsonNode heatmap = get("/api/v1/latency/heatmap?range=" + range + "&service=" + service + "&endpoint="
                    + encode("GET /items"));

            long[] bounds = {10, 25, 50, 100, 200, 500, 1000, 2000, Long.MAX_VALUE};
            long[] counted = new long[bounds.length];
            long previous = Long.MIN_VALUE;
            for (JsonNode column : heatmap.get("columns")) {
                long at = Instant.parse(column.get("at").asString()).getEpochSecond();
                assertThat(at).as(range).isGreaterThan(previous);
                assertThat(at % heatmap.get("stepSeconds").asLong()).isZero();
                previous = at;
                for (int i = 0; i < bounds.length; i++) {
                    counted[i] += column.get("counts").get(i).asLong();
                }
            }
            long lower = 0;
            for (int i = 0; i < bounds.length; i++) {
                long from = lower;
                long to = bounds[i];
                long expected =
                        durations.stream().filter(d -> d >= from && d < to).count();
                assertThat(counted[i]).as(range + " bucket " + i).isEqualTo(expected);
                assertThat(heatmap.get("buckets").get(i).get("count").asLong()).isEqualTo(expected);
                lower = to;
            }
        }
    }

    @Test
    void theHeatmapNeedsAnEndpoint() throws Exception {
        HttpResponse<String> missing = HTTP.send(
                request("/api/v1/latency/heatmap?range=1h&service=" + service), HttpResponse.BodyHandlers.ofString());

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("parameter").asString()).isEqualTo("endpoint");
    }

    @Test
    void theEndpointAndWindowAreRequired() throws Exception {
        HttpResponse<String> missing =
                HTTP.send(request("/api/v1/latency?range=1h&service=" + service), HttpResponse.BodyHandlers.ofString());

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("parameter").asString()).isEqualTo("endpoint");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                .build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
