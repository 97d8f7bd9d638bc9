package io.sightline.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/search} over 100 requests of a fresh service taking 1 ms to 100 ms. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiIT extends IntegrationTest {

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    final String service = "search-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void sendRequests() throws Exception {
        try (var senders = Executors.newFixedThreadPool(20)) {
            for (int i = 1; i <= 100; i++) {
                int ms = i;
                senders.submit(() -> request(ms).send(port, BOOTSTRAP_KEY));
            }
        }
    }

    private OtlpFixture request(int ms) {
        OtlpFixture trace = new OtlpFixture();
        boolean failing = ms == 42;
        String root = trace.span(
                service,
                null,
                "POST /pay",
                Span.SpanKind.SPAN_KIND_SERVER,
                0,
                ms,
                failing,
                "http.request.method",
                "POST",
                "http.route",
                "/pay",
                "http.response.status_code",
                failing ? 503L : 200L,
                "user.id",
                failing ? "user-unlucky" : "user-" + ms,
                "payment.method",
                ms % 2 == 0 ? "card" : "wallet");
        trace.span(
                service,
                root,
                "SELECT accounts",
                Span.SpanKind.SPAN_KIND_CLIENT,
                0,
                1,
                false,
                "db.system",
                "postgresql");
        return trace;
    }

    @Test
    void aUserIdFindsTheirFailingRequest() throws Exception {
        JsonNode results = search("user=user-unlucky").get("results");

        assertThat(results.size()).isEqualTo(1);
        JsonNode result = results.get(0);
        assertThat(result.get("status").asString()).isEqualTo("ERROR");
        assertThat(result.get("httpStatus").asInt()).isEqualTo(503);
        assertThat(result.get("durationMs").asDouble()).isEqualTo(42.0);
        assertThat(result.get("endpoint").asString()).isEqualTo("POST /pay");
        assertThat(result.get("spanCount").asInt()).isEqualTo(2);
        assertThat(result.get("errorCount").asInt()).isEqualTo(1);
        assertThat(result.get("version").asString()).isEqualTo("1.0.0");
    }

    @Test
    void abovePercentileIsTheEndpointsNearestRankPercentileOverTheWindow() throws Exception {
        JsonNode p99 = search("abovePercentile=99&sort=duration").get("results");
        JsonNode p90 = search("abovePercentile=90&sort=duration").get("results");

        assertThat(durations(p99)).containsExactly(100.0, 99.0);
        assertThat(p99.get(0).get("percentileThresholdMs").asDouble()).isEqualTo(99.0);
        assertThat(durations(p90)).hasSize(11).first().isEqualTo(100.0);
        assertThat(durations(p90).getLast()).isEqualTo(90.0);
    }

    @Test
    void statusDurationAndAttributeFilters() throws Exception {
        assertThat(search("httpStatus=5xx").get("results").size()).isEqualTo(1);
        assertThat(search("httpStatus=200").get("results").size()).isEqualTo(99);
        assertThat(search("status=error").get("results").size()).isEqualTo(1);
        assertThat(search("minMs=50&maxMs=60").get("results").size()).isEqualTo(11);
        assertThat(search("attr=" + URLEncoder.encode("payment.method=wallet", StandardCharsets.UTF_8))
                        .get("results")
                        .size())
                .isEqualTo(50);
        assertThat(search("endpoint=" + URLEncoder.encode("GET /nothing", StandardCharsets.UTF_8))
                        .get("results")
                        .size())
                .isZero();
    }

    @Test
    void cursorPagesCoverEveryRequestOnceInAStableOrder() throws Exception {
        List<Double> seen = new ArrayList<>();
        Set<String> traces = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = search("sort=duration&limit=30" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("results").forEach(result -> {
                seen.add(result.get("durationMs").asDouble());
                traces.add(result.get("traceId").asString());
            });
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).hasSize(100).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(traces).hasSize(100);
        assertThat(search("limit=100").get("results").get(0).get("startTime").asString())
                .endsWith("Z");
    }

    @Test
    void theOverviewsPercentilesAreTheSameNearestRankCutAsSearch() throws Exception {
        HttpResponse<String> response = get("/api/v1/endpoints?range=1h&service=" + service, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode row = JSON.readTree(response.body()).get("endpoints").get(0);

        assertThat(row.get("endpoint").asString()).isEqualTo("POST /pay");
        assertThat(row.get("requests").asLong()).isEqualTo(100);
        assertThat(row.get("errors").asLong()).isEqualTo(1);
        assertThat(row.get("errorRate").asDouble()).isEqualTo(0.01);
        assertThat(row.get("p50Ms").asDouble()).isEqualTo(50.0);
        assertThat(row.get("p95Ms").asDouble()).isEqualTo(95.0);
        assertThat(row.get("p99Ms").asDouble()).isEqualTo(99.0);
        assertThat(search("abovePercentile=95").get("results").size()).isEqualTo(6);
    }

    @Test
    void badParametersAre400AndOtherProjectsSeeNothing() throws Exception {
        HttpResponse<String> bad =
                get("/api/v1/search?service=" + service + "&range=1h&httpStatus=teapot", BOOTSTRAP_KEY);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("parameter").asString()).isEqualTo("httpStatus");
        assertThat(get("/api/v1/search?service=" + service, BOOTSTRAP_KEY).statusCode())
                .isEqualTo(400);

        long other = projects.create("search-other-" + UUID.randomUUID());
        String otherKey = apiKeys.issue(other, "reader", EnumSet.of(Scope.READ)).secret();
        HttpResponse<String> foreign = get("/api/v1/search?range=1h&service=" + service, otherKey);
        assertThat(JSON.readTree(foreign.body()).get("results").size()).isZero();
    }

    private JsonNode search(String query) throws Exception {
        HttpResponse<String> response =
                get("/api/v1/search?range=1h&limit=500&service=" + service + "&" + query, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<Double> durations(JsonNode results) {
        List<Double> durations = new ArrayList<>();
        results.forEach(result -> durations.add(result.get("durationMs").asDouble()));
        return durations;
    }
}
