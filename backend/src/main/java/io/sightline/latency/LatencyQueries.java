package io.sightline.latency;

import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * One endpoint's latency over a window, from raw entry spans: totals and nearest-rank percentiles,
 * bucket counts, a per-interval series and the slowest requests.
 */
@Repository
class LatencyQueries {

    private static final String PERCENTILES = """
            sorted[toUInt64(ceil(0.50 * requests))] AS p50, sorted[toUInt64(ceil(0.75 * requests))] AS p75,
            sorted[toUInt64(ceil(0.90 * requests))] AS p90, sorted[toUInt64(ceil(0.95 * requests))] AS p95,
            sorted[toUInt64(ceil(0.99 * requests))] AS p99""";

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    LatencyQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    record Window(Set<Long> projects, String service, String endpoint, Instant from, Instant to, String version) {}

    JsonNode summary(Window window) {
        Map<String, Object> parameters = new HashMap<>();
        List<JsonNode> rows = rows("""
                SELECT requests, errors, %s
                FROM (SELECT count() AS requests, countIf(status_code = 'ERROR') AS errors,
                             arraySort(groupArray(duration_ns)) AS sorted
                      FROM %s WHERE %s)
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(PERCENTILES, tables.spans(),
                where(window, parameters)), parameters);
        return rows.getFirst();
    }

    /** Bucket index → request count, for buckets that have requests. */
    Map<Integer, Long> buckets(Window window) {
        Map<String, Object> parameters = new HashMap<>();
        Map<Integer, Long> counts = new HashMap<>();
        for (JsonNode row : rows("SELECT %s AS bucket, count() AS requests FROM %s WHERE %s GROUP BY bucket SETTINGS output_format_json_quote_64bit_integers = 0"
                .formatted(Buckets.indexSql("duration_ns"), tables.spans(), where(window, parameters)), parameters)) {
            counts.put(row.get("bucket").asInt(), row.get("requests").asLong());
        }
        return counts;
    }

    List<JsonNode> series(Window window, long stepSeconds) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("step", stepSeconds);
        return rows("""
                SELECT toUnixTimestamp(bucket_start) AS at, requests, errors, %s
                FROM (SELECT toStartOfInterval(start_time, toIntervalSecond({step:UInt32})) AS bucket_start,
                             count() AS requests, countIf(status_code = 'ERROR') AS errors,
                             arraySort(groupArray(duration_ns)) AS sorted
                      FROM %s WHERE %s GROUP BY bucket_start)
                ORDER BY at
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(PERCENTILES, tables.spans(),
                where(window, parameters)), parameters);
    }

    List<JsonNode> slowest(Window window, int limit) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("limit", limit);
        return rows("""
                SELECT trace_id, toUnixTimestamp64Nano(start_time) AS start_ns, duration_ns, status_code AS status,
                       http_status, user_id, service_version AS version
                FROM %s WHERE %s
                ORDER BY duration_ns DESC, start_time DESC
                LIMIT {limit:UInt32}
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(tables.spans(), where(window, parameters)),
                parameters);
    }

    /** Totals and the merged duration histogram from the per-minute rollup. */
    JsonNode summaryFromMinutes(Window window) {
        Map<String, Object> parameters = new HashMap<>();
        return rows("""
                SELECT sum(requests) AS requests, sum(errors) AS errors, sumMap(histogram) AS histogram
                FROM %s WHERE %s
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(tables.endpointMinutes(), minutes(window, parameters)),
                parameters).getFirst();
    }

    Map<Integer, Long> bucketsFromMinutes(Window window) {
        Map<String, Object> parameters = new HashMap<>();
        JsonNode row = rows("""
                SELECT sum(b0) AS b0, sum(b1) AS b1, sum(b2) AS b2, sum(b3) AS b3, sum(b4) AS b4, sum(b5) AS b5,
                       sum(b6) AS b6, sum(b7) AS b7, sum(b8) AS b8
                FROM %s WHERE %s
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(tables.endpointMinutes(), minutes(window, parameters)),
                parameters).getFirst();
        Map<Integer, Long> counts = new HashMap<>();
        for (int i = 0; i <= Buckets.BOUNDS_MS.size(); i++) {
            counts.put(i, row.get("b" + i).asLong());
        }
        return counts;
    }

    /** Per interval: totals and the merged duration histogram. */
    List<JsonNode> seriesFromMinutes(Window window, long stepSeconds) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("step", stepSeconds);
        return rows("""
                SELECT toUnixTimestamp(toStartOfInterval(minute, toIntervalSecond({step:UInt32}))) AS at,
                       sum(requests) AS requests, sum(errors) AS errors, sumMap(histogram) AS histogram
                FROM %s WHERE %s
                GROUP BY at ORDER BY at
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(tables.endpointMinutes(), minutes(window, parameters)),
                parameters);
    }

    /** Whole minutes inside the window; the page's window is rounded to minutes on this path. */
    private static String minutes(Window window, Map<String, Object> parameters) {
        parameters.put("projects", List.copyOf(window.projects()));
        parameters.put("service", window.service());
        parameters.put("endpoint", window.endpoint());
        parameters.put("from", window.from());
        parameters.put("to", window.to());
        String where = """
                project_id IN {projects:Array(UInt32)} AND service = {service:String} AND endpoint = {endpoint:String}
                  AND minute >= toStartOfMinute(fromUnixTimestamp64Nano({from:Int64})) AND minute < fromUnixTimestamp64Nano({to:Int64})""";
        if (window.version() != null) {
            parameters.put("version", window.version());
            where += " AND service_version = {version:String}";
        }
        return where;
    }

    private static String where(Window window, Map<String, Object> parameters) {
        parameters.put("projects", List.copyOf(window.projects()));
        parameters.put("service", window.service());
        parameters.put("endpoint", window.endpoint());
        parameters.put("from", window.from());
        parameters.put("to", window.to());
        String where = """
                project_id IN {projects:Array(UInt32)} AND is_entry AND service = {service:String} AND endpoint = {endpoint:String}
                  AND start_time >= fromUnixTimestamp64Nano({from:Int64}) AND start_time < fromUnixTimestamp64Nano({to:Int64})""";
        if (window.version() != null) {
            parameters.put("version", window.version());
            where += " AND service_version = {version:String}";
        }
        return where;
    }

    private List<JsonNode> rows(String sql, Map<String, ?> parameters) {
        return JsonRows.read(clickHouse, sql, parameters);
    }
}
