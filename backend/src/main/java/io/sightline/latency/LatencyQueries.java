package io.sightline.latency;

import io.sightline.query.SpanFilter;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The endpoint page's own SQL: its slowest requests. Counts, percentiles, buckets and the series
 * come from the read-side layer ({@link io.sightline.query.RequestStats}).
 */
@Repository
class LatencyQueries {

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    LatencyQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /** The {@code limit} slowest requests, slowest first (the latest first among equals). */
    List<JsonNode> slowest(SpanFilter filter, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("limit", limit);
        return JsonRows.read(
                clickHouse, """
                SELECT trace_id, toUnixTimestamp64Nano(start_time) AS start_ns, duration_ns, status_code AS status,
                       http_status, user_id, service_version AS version
                FROM %s WHERE %s
                ORDER BY duration_ns DESC, start_time DESC
                LIMIT {limit:UInt32}""".formatted(tables.spans(), filter.requests("").bindInto(parameters)), parameters);
    }
}
