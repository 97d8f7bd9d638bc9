package io.sightline.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import io.sightline.span.Buckets;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The per-minute rollup: its view counts buckets by {@link Buckets}, and long overviews (and
 * search's "above pXX" over the same windows) are answered from it.
 */
class RollupIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    SpanTables tables;

    @Test
    void theViewCountsTheStandardBucketsWithTheirBoundsFromBuckets() {
        String service = "buckets-" + UUID.randomUUID().toString().substring(0, 8);
        // Each bound, a nanosecond under it, and 0: the view must put each in the bucket Buckets.index says.
        List<Long> durations = new ArrayList<>(List.of(0L));
        for (int bound : Buckets.BOUNDS_MS) {
            durations.add(bound * 1_000_000L - 1);
            durations.add(bound * 1_000_000L);
        }
        insertRequests(1, service, "GET /bounds", durations, 0);

        JsonNode row = JsonRows.read(
                        clickHouse,
                        "SELECT " + Buckets.sumsSql() + " FROM " + tables.endpointMinutes()
                                + " WHERE project_id = 1 AND service = {service:String}",
                        Map.of("service", service))
                .getFirst();
        long[] expected = new long[Buckets.COUNT];
        durations.forEach(duration -> expected[Buckets.index(duration)]++);
        for (int i = 0; i < Buckets.COUNT; i++) {
            assertThat(row.get("b" + i).asLong()).as(Buckets.label(i)).isEqualTo(expected[i]);
        }
    }

    @Test
    void aThirtyOneDayOverviewIsAnsweredFromTheRollupWithTheRightCounts() throws Exception {
        String service = "rollup-" + UUID.randomUUID().toString().substring(0, 8);
        long project = bootstrapProject(service);
        List<Long> durations = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            durations.add(i * 1_000_000L + 123); // 1 ms to 300 ms
        }
        insertRequests(project, service, "GET /items", durations, 10);
        // Only in the rollup, as if its raw spans had expired: a raw read could not count it.
        clickHouse.command(
                "INSERT INTO " + tables.endpointMinutes() + " (project_id, service, endpoint, service_version, minute,"
                        + " requests, errors, b0, histogram) VALUES ({project:UInt32}, {service:String}, 'GET /rollup-only', '',"
                        + " toStartOfMinute(now() - INTERVAL 3 DAY), 7, 2, 7, map(toUInt16(1), toUInt64(7)))",
                Map.of("project", project, "service", service));

        JsonNode month = rows(api("/api/v1/endpoints?range=31d&service=" + service));
        JsonNode items = month.get("GET /items");
        assertThat(items.get("requests").asLong()).isEqualTo(300);
        assertThat(items.get("errors").asLong()).isEqualTo(30);
        assertThat(items.get("errorRate").asDouble()).isEqualTo(0.1);
        for (String name : List.of("p50", "p95", "p99")) {
            double q = Integer.parseInt(name.substring(1)) / 100.0;
            double expected = durations.get((int) Math.ceil(q * durations.size()) - 1) / 1e6;
            assertThat(items.get(name + "Ms").asDouble()).as(name).isCloseTo(expected, Percentage.withPercentage(0.5));
        }
        assertThat(month.get("GET /rollup-only").get("requests").asLong()).isEqualTo(7);
        assertThat(month.get("GET /rollup-only").get("errors").asLong()).isEqualTo(2);

        JsonNode hour = rows(api("/api/v1/endpoints?range=1h&service=" + service));
        assertThat(hour.has("GET /rollup-only"))
                .as("short windows read raw spans")
                .isFalse();
        // Search's "above p99" over the same month cuts at the rollup's p99, as the overview's number says.
        JsonNode slowest = api("/api/v1/search?range=31d&limit=500&abovePercentile=99&service=" + service
                        + "&endpoint=GET%20%2Fitems")
                .get("results");
        double threshold = slowest.get(0).get("percentileThresholdMs").asDouble();
        assertThat(threshold).isEqualTo(items.get("p99Ms").asDouble());
        long atOrAbove =
                durations.stream().filter(nanos -> nanos / 1e6 >= threshold).count();
        assertThat((long) slowest.size()).isEqualTo(atOrAbove).isBetween(1L, 6L);
        slowest.forEach(
                result -> assertThat(result.get("durationMs").asDouble()).isGreaterThanOrEqualTo(threshold));
    }

    /** Entry spans of one endpoint, spread over about five days (inside retention), an hour or more ago; every {@code errorEvery}-th an error. */
    private void insertRequests(long project, String service, String endpoint, List<Long> durations, int errorEvery) {
        clickHouse.command(
                """
                INSERT INTO %s (project_id, start_time, trace_id, span_id, service, name, endpoint, kind, is_entry, duration_ns, status_code)
                SELECT {project:UInt32}, now64(9) - INTERVAL 1 HOUR - toIntervalMinute(number * 25),
                       lower(hex(randomString(16))), lower(hex(randomString(8))), {service:String}, {endpoint:String},
                       {endpoint:String}, 'SERVER', true, {durations:Array(UInt64)}[number + 1],
                       if({errorEvery:UInt32} > 0 AND number %% {errorEvery:UInt32} = 0, 'ERROR', 'UNSET')
                FROM numbers({count:UInt32})""".formatted(tables.spans()),
                Map.of(
                        "project",
                        project,
                        "service",
                        service,
                        "endpoint",
                        endpoint,
                        "durations",
                        durations,
                        "errorEvery",
                        errorEvery,
                        "count",
                        durations.size()));
    }

    /** The project the bootstrap key writes to and reads, learnt from one span sent through ingest. */
    private long bootstrapProject(String service) throws Exception {
        OtlpFixture trace = new OtlpFixture();
        trace.span(service, null, "GET /probe", Span.SpanKind.SPAN_KIND_SERVER, 0, 1, false);
        trace.send(port, BOOTSTRAP_KEY);
        JsonNode row = JsonRows.read(
                        clickHouse,
                        "SELECT any(project_id) AS project FROM " + tables.spans()
                                + " WHERE service = {service:String}",
                        Map.of("service", service))
                .getFirst();
        return row.get("project").asLong();
    }

    private static JsonNode rows(JsonNode overview) {
        var byEndpoint = JSON.createObjectNode();
        overview.get("endpoints")
                .forEach(row -> byEndpoint.set(row.get("endpoint").asString(), row));
        return byEndpoint;
    }
}
