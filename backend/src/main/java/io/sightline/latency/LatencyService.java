package io.sightline.latency;

import io.sightline.span.Durations;
import io.sightline.security.ProjectAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * An endpoint's latency over a window: request and error counts, throughput, p50/p75/p90/p95/p99
 * (exact nearest rank up to {@link #RAW_UP_TO}; beyond, nearest rank on the per-minute rollup's
 * log histogram, within 0.5 %),
 * the standard buckets, a series of about 60 intervals, and the slowest requests.
 * Times are ISO-8601; durations are milliseconds.
 */
@Service
public class LatencyService {

    static final int SERIES_POINTS = 60;
    /** Longer windows read the per-minute rollup (percentiles within 0.5 %); shorter ones raw spans (exact). */
    static final Duration RAW_UP_TO = Duration.ofHours(6);
    static final int SLOWEST = 10;

    private final LatencyQueries queries;
    private final ProjectAccess projectAccess;

    LatencyService(LatencyQueries queries, ProjectAccess projectAccess) {
        this.queries = queries;
        this.projectAccess = projectAccess;
    }

    public record Percentiles(double p50, double p75, double p90, double p95, double p99) {}

    public record Bucket(String label, Integer fromMs, Integer toMs, long count, double share) {}

    public record Point(Instant at, long requests, long errors, double p50Ms, double p99Ms) {}

    public record SlowRequest(String traceId, Instant startTime, double durationMs, String status, int httpStatus, String user,
            String version) {}

    public record Latency(String service, String endpoint, String version, Instant from, Instant to, long requests, long errors,
            double errorRate, double requestsPerSecond, Percentiles percentilesMs, String precision, List<Bucket> buckets,
            long seriesStepSeconds, List<Point> series, List<SlowRequest> slowest) {}

    public Latency latency(String service, String endpoint, Instant from, Instant to, String version) {
        var window = new LatencyQueries.Window(projectAccess.readableProjects(), service, endpoint, from, to, version);
        if (window.projects().isEmpty()) { // no project has ID 0: every count is zero
            window = new LatencyQueries.Window(java.util.Set.of(0L), service, endpoint, from, to, version);
        }
        boolean rollup = Duration.between(from, to).compareTo(RAW_UP_TO) > 0;
        JsonNode summary = rollup ? withPercentiles(List.of(queries.summaryFromMinutes(window))).getFirst() : queries.summary(window);
        long requests = summary.get("requests").asLong();
        long errors = summary.get("errors").asLong();
        Map<Integer, Long> counts = rollup ? queries.bucketsFromMinutes(window) : queries.buckets(window);
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i <= Buckets.BOUNDS_MS.size(); i++) {
            long count = counts.getOrDefault(i, 0L);
            buckets.add(new Bucket(Buckets.label(i), Buckets.lowerMs(i), Buckets.upperMs(i), count,
                    requests == 0 ? 0 : Math.round(count * 10_000.0 / requests) / 10_000.0));
        }
        long step = Math.max(rollup ? 60 : 1, Duration.between(from, to).toSeconds() / SERIES_POINTS);
        List<JsonNode> seriesRows = rollup ? withPercentiles(queries.seriesFromMinutes(window, step)) : queries.series(window, step);
        List<Point> series = seriesRows.stream().map(row -> new Point(Instant.ofEpochSecond(row.get("at").asLong()),
                row.get("requests").asLong(), row.get("errors").asLong(), Durations.millis(row.get("p50").asLong()),
                Durations.millis(row.get("p99").asLong()))).toList();
        List<SlowRequest> slowest = queries.slowest(window, SLOWEST).stream().map(row -> new SlowRequest(row.get("trace_id").asString(),
                Instant.ofEpochSecond(0, row.get("start_ns").asLong()), Durations.millis(row.get("duration_ns").asLong()),
                row.get("status").asString(), row.get("http_status").asInt(), row.get("user_id").asString(),
                row.get("version").asString())).toList();
        double seconds = Math.max(1e-9, Duration.between(from, to).toMillis() / 1000.0);
        Percentiles percentiles = requests == 0 ? null : new Percentiles(Durations.millis(summary.get("p50").asLong()),
                Durations.millis(summary.get("p75").asLong()), Durations.millis(summary.get("p90").asLong()), Durations.millis(summary.get("p95").asLong()),
                Durations.millis(summary.get("p99").asLong()));
        return new Latency(service, endpoint, version, from, to, requests, errors,
                requests == 0 ? 0 : Math.round(errors * 10_000.0 / requests) / 10_000.0,
                Math.round(requests / seconds * 1000) / 1000.0, percentiles,
                rollup ? "per-minute rollup: nearest-rank percentiles within 0.5 %" : "exact (nearest rank on raw spans)",
                buckets, step, series, slowest);
    }

    /** Adds nearest-rank p50…p99 (nanoseconds) read from each rollup row's histogram. */
    private static List<JsonNode> withPercentiles(List<JsonNode> rows) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode row : rows) {
            tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) row).deepCopy();
            LogHistogram histogram = new LogHistogram(row.get("histogram"));
            for (int level : new int[] {50, 75, 90, 95, 99}) {
                copy.put("p" + level, histogram.percentileNanos(level / 100.0));
            }
            out.add(copy);
        }
        return out;
    }

}
