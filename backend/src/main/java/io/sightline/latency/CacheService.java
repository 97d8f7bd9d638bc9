package io.sightline.latency;

import io.sightline.query.SpanFilter;
import io.sightline.query.TimeWindow;
import io.sightline.security.ProjectAccess;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Cache effectiveness per endpoint and cache operation. A cache span is one with a
 * {@code cache.hit} attribute (true or false), or a Redis or Memcached client span
 * ({@code db.system.name} or the older {@code db.system}); its operation is {@code db.operation.name}
 * (or {@code db.operation}), else the span name. Hits and misses come from {@code cache.hit}: Redis
 * and Memcached clients do not say whether a GET found its key, so their spans without it count as
 * lookups of unknown outcome, and the hit ratio is over known outcomes only.
 */
@Service
public class CacheService {

    private final CacheQueries queries;
    private final ProjectAccess projectAccess;

    CacheService(CacheQueries queries, ProjectAccess projectAccess) {
        this.queries = queries;
        this.projectAccess = projectAccess;
    }

    /** @param hitRatio hits / (hits + misses), or null when no span said */
    public record CacheStats(
            String endpoint,
            String operation,
            long lookups,
            long hits,
            long misses,

            @Schema(description = "hits / (hits + misses), 0-1; null when no span said")
            Double hitRatio) {}

    public List<CacheStats> cache(String service, String endpoint, Instant from, Instant to) {
        var projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return List.of();
        }
        List<CacheStats> stats = new ArrayList<>();
        for (var row : queries.cacheCalls(SpanFilter.of(projects, new TimeWindow(from, to))
                .service(service)
                .endpoint(endpoint))) {
            long hits = row.get("hits").asLong();
            long misses = row.get("misses").asLong();
            stats.add(new CacheStats(
                    row.get("endpoint").asString(),
                    row.get("operation").asString(),
                    row.get("lookups").asLong(),
                    hits,
                    misses,
                    hits + misses == 0 ? null : Math.round(hits * 10_000.0 / (hits + misses)) / 10_000.0));
        }
        return stats;
    }
}
