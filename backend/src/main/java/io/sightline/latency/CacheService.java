package io.sightline.latency;

import io.sightline.security.ProjectAccess;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Cache effectiveness per endpoint and cache operation. A cache span is one with a
 * {@code cache.hit} attribute (true or false), or a Redis or Memcached client span
 * ({@code db.system.name}); its operation is {@code db.operation.name}, else the span name. Hits
 * and misses come from {@code cache.hit}: Redis and Memcached clients do not say whether a GET found
 * its key, so their spans without it count as lookups of unknown outcome, and the hit ratio is over
 * known outcomes only.
 */
@Service
public class CacheService {


    private final ClickHouse clickHouse;
    private final SpanTables tables;
    private final ProjectAccess projectAccess;

    CacheService(ClickHouse clickHouse, SpanTables tables, ProjectAccess projectAccess) {
        this.clickHouse = clickHouse;
        this.tables = tables;
        this.projectAccess = projectAccess;
    }

    /** @param hitRatio hits / (hits + misses), or null when no span said */
    public record CacheStats(String endpoint, String operation, long lookups, long hits, long misses, Double hitRatio) {}

    public List<CacheStats> cache(String service, String endpoint, Instant from, Instant to) {
        var projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return List.of();
        }
        Map<String, Object> parameters = new HashMap<>(Map.of("projects", List.copyOf(projects), "service", service, "from", from, "to", to));
        String endpointFilter = "";
        if (endpoint != null) {
            endpointFilter = " AND endpoint = {endpoint:String}";
            parameters.put("endpoint", endpoint);
        }
        String sql = """
                SELECT r.endpoint AS endpoint,
                       if(s.attributes['db.operation.name'] != '', s.attributes['db.operation.name'], s.name) AS operation,
                       count() AS lookups, countIf(s.attributes['cache.hit'] = 'true') AS hits,
                       countIf(s.attributes['cache.hit'] = 'false') AS misses
                FROM %1$s AS s
                INNER JOIN (SELECT trace_id, endpoint FROM %1$s
                            WHERE project_id IN {projects:Array(UInt32)} AND is_entry AND service = {service:String}
                              AND start_time >= fromUnixTimestamp64Nano({from:Int64}) AND start_time < fromUnixTimestamp64Nano({to:Int64})%2$s) AS r
                    ON s.trace_id = r.trace_id
                WHERE s.project_id IN {projects:Array(UInt32)} AND s.service = {service:String}
                  AND (mapContains(s.attributes, 'cache.hit') OR s.attributes['db.system.name'] IN ('redis', 'memcached'))
                  AND s.start_time >= fromUnixTimestamp64Nano({from:Int64}) AND s.start_time < fromUnixTimestamp64Nano({to:Int64}) + INTERVAL 1 HOUR
                GROUP BY endpoint, operation
                ORDER BY endpoint, lookups DESC
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(tables.spans(), endpointFilter);
        List<CacheStats> stats = new ArrayList<>();
        for (var row : JsonRows.read(clickHouse, sql, parameters)) {
            long hits = row.get("hits").asLong();
            long misses = row.get("misses").asLong();
            stats.add(new CacheStats(row.get("endpoint").asString(), row.get("operation").asString(), row.get("lookups").asLong(),
                    hits, misses, hits + misses == 0 ? null : Math.round(hits * 10_000.0 / (hits + misses)) / 10_000.0));
        }
        return stats;
    }
}
