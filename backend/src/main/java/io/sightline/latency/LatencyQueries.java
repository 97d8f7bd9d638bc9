package io.sightline.latency;

import io.sightline.query.RequestStats;
import io.sightline.query.SpanFilter;
import io.sightline.span.Buckets;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The endpoint page's own SQL: its slowest requests and its heatmap. Counts, percentiles, buckets and the series
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

    /**
     * Per step of {@code stepSeconds} with requests, oldest first: {@code at} (its start, epoch
     * seconds) and {@code b0 … b8}, the requests in each standard bucket; from the per-minute rollup
     * when the filter wants it.
     */
    List<JsonNode> heatmap(SpanFilter filter, long stepSeconds) {
        // The series' own step (RequestStats.Key.interval), so a heatmap column is a series point.
        RequestStats.Key step = RequestStats.Key.interval(stepSeconds);
        Map<String, Object> parameters = new HashMap<>(step.parameters());
        String sql = filter.wantsRollup()
                ? "SELECT %s AS at, %s FROM %s WHERE %s GROUP BY at ORDER BY at"
                        .formatted(
                                step.minutesSql(),
                                Buckets.sumsSql(),
                                tables.endpointMinutes(),
                                filter.minutes().bindInto(parameters))
                : "SELECT %s AS at, %s FROM %s WHERE %s GROUP BY at ORDER BY at"
                        .formatted(
                                step.spansSql(),
                                Buckets.countsSql("duration_ns"),
                                tables.spans(),
                                filter.requests("").bindInto(parameters));
        return JsonRows.read(clickHouse, sql, parameters);
    }
}
