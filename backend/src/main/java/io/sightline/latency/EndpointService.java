package io.sightline.latency;

import io.sightline.query.RequestStats;
import io.sightline.query.SpanFilter;
import io.sightline.query.TimeWindow;
import io.sightline.security.ProjectAccess;
import io.sightline.span.Durations;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The services-and-endpoints overview: volume, errors and latency percentiles per endpoint, from
 * {@link RequestStats} — raw spans (exact) up to {@link TimeWindow#RAW_UP_TO}, the per-minute rollup
 * beyond — the same numbers as the endpoint page and search's "above pXX" for the same window.
 */
@Service
public class EndpointService {

    private static final List<RequestStats.Key> BY_ENDPOINT =
            List.of(RequestStats.Key.column("service"), RequestStats.Key.column("endpoint"));

    private final RequestStats stats;
    private final ProjectAccess projectAccess;

    EndpointService(RequestStats stats, ProjectAccess projectAccess) {
        this.stats = stats;
        this.projectAccess = projectAccess;
    }

    /** Durations in milliseconds; percentiles are nearest-rank over the window's requests. */
    public record EndpointStats(
            String service,
            String endpoint,
            long requests,
            long errors,
            @Schema(description = "errors / requests, 0-1") double errorRate,
            double requestsPerMinute,
            double p50Ms,
            double p95Ms,
            double p99Ms,

            @Schema(description = "requests per interval: the window cut into equal steps, oldest first (a sparkline)")
            List<Long> requestSeries) {}

    /** How many steps the request series cuts a window into. */
    static final int SERIES_POINTS = 24;

    /** One row per endpoint with requests, by service, then the busiest first. */
    public List<EndpointStats> endpoints(Instant from, Instant to, String service) {
        var projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return List.of();
        }
        double minutes = Math.max(1e-9, (to.toEpochMilli() - from.toEpochMilli()) / 60_000.0);
        SpanFilter filter = SpanFilter.of(projects, new TimeWindow(from, to)).service(service);
        Map<List<String>, List<Long>> series = requestSeries(filter, from, to);
        return stats.stats(filter, BY_ENDPOINT).stream()
                .map(row -> {
                    long requests = row.requests();
                    long errors = row.errors();
                    return new EndpointStats(
                            row.keys().get(0),
                            row.keys().get(1),
                            requests,
                            errors,
                            requests == 0 ? 0 : Math.round(errors * 10_000.0 / requests) / 10_000.0,
                            Math.round(requests / minutes * 100) / 100.0,
                            Durations.millis(row.nanos().p50()),
                            Durations.millis(row.nanos().p95()),
                            Durations.millis(row.nanos().p99()),
                            series.getOrDefault(row.keys(), List.of()));
                })
                .sorted(Comparator.comparing(EndpointStats::service)
                        .thenComparing(Comparator.comparingLong(EndpointStats::requests)
                                .reversed())
                        .thenComparing(EndpointStats::endpoint))
                .toList();
    }

    /**
     * Requests per (service, endpoint) in {@link #SERIES_POINTS} steps of the window, raw or from the
     * rollup as {@link RequestStats} decides (steps of at least a minute there).
     */
    private Map<List<String>, List<Long>> requestSeries(SpanFilter filter, Instant from, Instant to) {
        long length = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        long step = Math.max(RequestStats.exact(filter) ? 1 : 60, (length + SERIES_POINTS - 1) / SERIES_POINTS);
        long first = Math.floorDiv(from.getEpochSecond(), step) * step;
        int points = (int) ((to.getEpochSecond() - first) / step) + 1;
        RequestStats.Key interval = new RequestStats.Key(
                "toUnixTimestamp(toStartOfInterval(start_time, toIntervalSecond({sparkStep:UInt32})))",
                "toUnixTimestamp(toStartOfInterval(minute, toIntervalSecond({sparkStep:UInt32})))",
                Map.of("sparkStep", step));
        List<RequestStats.Key> keys = new ArrayList<>(BY_ENDPOINT);
        keys.add(interval);
        Map<List<String>, long[]> counts = new HashMap<>();
        stats.counts(filter, keys).forEach((key, requests) -> {
            long[] series = counts.computeIfAbsent(List.copyOf(key.subList(0, 2)), endpoint -> new long[points]);
            int index = (int) ((Long.parseLong(key.get(2)) - first) / step);
            series[Math.clamp(index, 0, points - 1)] += requests;
        });
        Map<List<String>, List<Long>> series = new HashMap<>();
        counts.forEach(
                (key, values) -> series.put(key, Arrays.stream(values).boxed().toList()));
        return series;
    }
}
