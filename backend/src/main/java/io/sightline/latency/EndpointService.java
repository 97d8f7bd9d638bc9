package io.sightline.latency;

import io.sightline.query.RequestStats;
import io.sightline.query.SpanFilter;
import io.sightline.query.TimeWindow;
import io.sightline.security.ProjectAccess;
import io.sightline.span.Durations;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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
            double p99Ms) {}

    /** One row per endpoint with requests, by service, then the busiest first. */
    public List<EndpointStats> endpoints(Instant from, Instant to, String service) {
        var projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return List.of();
        }
        double minutes = Math.max(1e-9, (to.toEpochMilli() - from.toEpochMilli()) / 60_000.0);
        return stats.stats(SpanFilter.of(projects, new TimeWindow(from, to)).service(service), BY_ENDPOINT).stream()
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
                            Durations.millis(row.nanos().p99()));
                })
                .sorted(Comparator.comparing(EndpointStats::service)
                        .thenComparing(Comparator.comparingLong(EndpointStats::requests)
                                .reversed())
                        .thenComparing(EndpointStats::endpoint))
                .toList();
    }
}
