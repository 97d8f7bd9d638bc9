package io.sightline.latency;

import io.sightline.query.RequestStats;
import io.sightline.query.SpanFilter;
import io.sightline.query.TimeWindow;
import io.sightline.security.ProjectAccess;
import io.sightline.span.Buckets;
import io.sightline.span.Durations;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * An endpoint's latency over a window: request and error counts, throughput, p50/p75/p90/p95/p99
 * (exact nearest rank up to {@link TimeWindow#RAW_UP_TO}; beyond, nearest rank on the per-minute
 * rollup's log histogram, within 0.5 %: see {@link RequestStats}),
 * the standard buckets, a series of about 60 intervals, and the slowest requests.
 * Times are ISO-8601; durations are milliseconds.
 */
@Service
public class LatencyService {

    static final int SERIES_POINTS = 60;
    static final int SLOWEST = 10;

    private final RequestStats stats;
    private final LatencyQueries queries;
    private final ProjectAccess projectAccess;

    LatencyService(RequestStats stats, LatencyQueries queries, ProjectAccess projectAccess) {
        this.stats = stats;
        this.queries = queries;
        this.projectAccess = projectAccess;
    }

    public record Percentiles(double p50, double p75, double p90, double p95, double p99) {}

    public record Bucket(
            String label,
            Integer fromMs,

            @Schema(description = "Exclusive; null for the last, open bucket")
            Integer toMs,

            long count,
            @Schema(description = "count / requests, 0-1") double share) {}

    /** One step of the series. */
    public record Point(
            @Schema(description = "Start of the step") Instant at,
            long requests,
            long errors,
            double p50Ms,
            double p95Ms,
            double p99Ms) {}

    public record SlowRequest(
            String traceId,
            Instant startTime,
            double durationMs,
            String status,
            int httpStatus,
            String user,
            String version) {}

    public record Latency(
            String service,
            String endpoint,
            String version,
            Instant from,
            Instant to,
            long requests,
            long errors,
            @Schema(description = "errors / requests, 0-1") double errorRate,
            double requestsPerSecond,

            @Schema(description = "Null when the window has no requests")
            Percentiles percentilesMs,

            @Schema(description = "How the percentiles were computed: exactly from raw spans, or from rollups")
            String precision,

            List<Bucket> buckets,
            long seriesStepSeconds,
            List<Point> series,
            List<SlowRequest> slowest) {}

    /** One step of the heatmap: its requests per standard bucket, index by index. */
    public record Column(
            @Schema(description = "Start of the step") Instant at, List<Long> counts) {}

    public record Heatmap(
            String service,
            String endpoint,
            String version,
            Instant from,
            Instant to,
            long stepSeconds,

            @Schema(description = "The standard buckets, the rows of every column's counts")
            List<Bucket> buckets,

            @Schema(description = "Steps with requests, oldest first; a step absent here had none")
            List<Column> columns) {}

    /**
     * Requests per (step × standard bucket) over the window, with the series' steps: exact from raw
     * spans up to {@link TimeWindow#RAW_UP_TO}, from the per-minute rollup beyond.
     */
    public Heatmap heatmap(String service, String endpoint, Instant from, Instant to, String version) {
        SpanFilter filter = SpanFilter.of(projectAccess.readableProjects(), new TimeWindow(from, to))
                .service(service)
                .endpoint(endpoint)
                .version(version);
        long step = step(filter);
        List<Bucket> buckets = new ArrayList<>();
        long[] totals = new long[Buckets.COUNT];
        List<Column> columns = queries.heatmap(filter, step).stream()
                .map(row -> {
                    List<Long> counts = new ArrayList<>();
                    for (int i = 0; i < Buckets.COUNT; i++) {
                        long count = row.get("b" + i).asLong();
                        counts.add(count);
                        totals[i] += count;
                    }
                    return new Column(Instant.ofEpochSecond(row.get("at").asLong()), List.copyOf(counts));
                })
                .toList();
        long requests = Arrays.stream(totals).sum();
        for (int i = 0; i < Buckets.COUNT; i++) {
            buckets.add(bucket(i, totals[i], requests));
        }
        return new Heatmap(service, endpoint, version, from, to, step, buckets, columns);
    }

    // About SERIES_POINTS steps; whole minutes on the rollup.
    private static long step(SpanFilter filter) {
        return Math.max(
                RequestStats.exact(filter) ? 1 : 60, filter.window().length().toSeconds() / SERIES_POINTS);
    }

    private static Bucket bucket(int index, long count, long requests) {
        return new Bucket(
                Buckets.label(index),
                Buckets.lowerMs(index),
                Buckets.upperMs(index),
                count,
                requests == 0 ? 0 : Math.round(count * 10_000.0 / requests) / 10_000.0);
    }

    public Latency latency(String service, String endpoint, Instant from, Instant to, String version) {
        TimeWindow window = new TimeWindow(from, to);
        SpanFilter filter = SpanFilter.of(projectAccess.readableProjects(), window)
                .service(service)
                .endpoint(endpoint)
                .version(version);
        boolean exact = RequestStats.exact(filter);
        RequestStats.Stats summary = stats.stats(filter, List.of()).getFirst();
        long requests = summary.requests();
        long errors = summary.errors();
        long[] counts = stats.buckets(filter);
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < Buckets.COUNT; i++) {
            buckets.add(bucket(i, counts[i], requests));
        }
        long step = step(filter);
        List<Point> series = stats.series(filter, step).stream()
                .map(point -> new Point(
                        Instant.ofEpochSecond(Long.parseLong(point.keys().getFirst())),
                        point.requests(),
                        point.errors(),
                        Durations.millis(point.nanos().p50()),
                        Durations.millis(point.nanos().p95()),
                        Durations.millis(point.nanos().p99())))
                .toList();
        List<SlowRequest> slowest = queries.slowest(filter, SLOWEST).stream()
                .map(row -> new SlowRequest(
                        row.get("trace_id").asString(),
                        Instant.ofEpochSecond(0, row.get("start_ns").asLong()),
                        Durations.millis(row.get("duration_ns").asLong()),
                        row.get("status").asString(),
                        row.get("http_status").asInt(),
                        row.get("user_id").asString(),
                        row.get("version").asString()))
                .toList();
        double seconds = Math.max(1e-9, window.length().toMillis() / 1000.0);
        RequestStats.Percentiles nanos = summary.nanos();
        Percentiles percentiles = requests == 0
                ? null
                : new Percentiles(
                        Durations.millis(nanos.p50()),
                        Durations.millis(nanos.p75()),
                        Durations.millis(nanos.p90()),
                        Durations.millis(nanos.p95()),
                        Durations.millis(nanos.p99()));
        return new Latency(
                service,
                endpoint,
                version,
                from,
                to,
                requests,
                errors,
                requests == 0 ? 0 : Math.round(errors * 10_000.0 / requests) / 10_000.0,
                Math.round(requests / seconds * 1000) / 1000.0,
                percentiles,
                exact
                        ? "exact (nearest rank on raw spans)"
                        : "per-minute rollup: nearest-rank percentiles within 0.5 %",
                buckets,
                step,
                series,
                slowest);
    }
}
