package io.sightline.latency;

import io.sightline.query.AttributeSql;
import io.sightline.query.SpanFilter;
import io.sightline.span.SemanticConventions;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/** The SQL of cache effectiveness (see {@link CacheService}). */
@Repository
class CacheQueries {

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    CacheQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /** Per (endpoint, operation) of the filtered requests' cache spans: lookups, hits and misses, by endpoint then most lookups. */
    List<JsonNode> cacheCalls(SpanFilter requests) {
        Map<String, Object> parameters = new HashMap<>();
        return JsonRows.read(
                clickHouse,
                """
                SELECT r.endpoint AS endpoint,
                       %4$s AS operation,
                       count() AS lookups, countIf(s.attributes['cache.hit'] = 'true') AS hits,
                       countIf(s.attributes['cache.hit'] = 'false') AS misses
                FROM %1$s AS s
                INNER JOIN (SELECT trace_id, endpoint FROM %1$s WHERE %2$s) AS r
                    ON s.trace_id = r.trace_id
                WHERE %3$s
                  AND (mapContains(s.attributes, 'cache.hit') OR %5$s IN ('redis', 'memcached'))
                GROUP BY endpoint, operation
                ORDER BY endpoint, lookups DESC""".formatted(
                                tables.spans(),
                                requests.requests("").bindInto(parameters),
                                requests.traceSpans("s").bindInto(parameters),
                                AttributeSql.valueOr("s.attributes", SemanticConventions.DB_OPERATION, "s.name"),
                                AttributeSql.value("s.attributes", SemanticConventions.DB_SYSTEM)),
                parameters);
    }
}
