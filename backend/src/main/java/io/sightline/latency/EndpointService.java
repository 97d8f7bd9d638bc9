package io.sightline.latency;

import io.sightline.span.Durations;
import io.sightline.security.ProjectAccess;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** The services-and-endpoints overview: volume, errors and latency percentiles per endpoint. */
@Service
public class EndpointService {

    private final EndpointQueries queries;
    private final ProjectAccess projectAccess;

    EndpointService(EndpointQueries queries, ProjectAccess projectAccess) {
        this.queries = queries;
        this.projectAccess = projectAccess;
    }

    /** Durations in milliseconds; percentiles are nearest-rank over the window's requests. */
    public record EndpointStats(String service, String endpoint, long requests, long errors, double errorRate,
            double requestsPerMinute, double p50Ms, double p95Ms, double p99Ms) {}

    public List<EndpointStats> endpoints(Instant from, Instant to, String service) {
        var projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return List.of();
        }
        double minutes = Math.max(1e-9, (to.toEpochMilli() - from.toEpochMilli()) / 60_000.0);
        return queries.endpoints(projects, from, to, service).stream().map(row -> {
            long requests = row.get("requests").asLong();
            long errors = row.get("errors").asLong();
            return new EndpointStats(row.get("service").asString(), row.get("endpoint").asString(), requests, errors,
                    requests == 0 ? 0 : Math.round(errors * 10_000.0 / requests) / 10_000.0,
                    Math.round(requests / minutes * 100) / 100.0,
                    Durations.millis(row.get("p50").asLong()), Durations.millis(row.get("p95").asLong()), Durations.millis(row.get("p99").asLong()));
        }).toList();
    }

}
