package io.sightline.search;

import io.sightline.span.SemanticConventions;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The SQL of request search. A request is an entry span; filters become bound parameters. "Above
 * pXX" joins each request to its endpoint's nearest-rank pXX over the same window, so the cut is
 * exact and computed from the same rows.
 */
@Repository
class SearchQueries {


    private final ClickHouse clickHouse;
    private final SpanTables tables;

    SearchQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /** One row per matching request, in the query's order, at most {@code limit + 1} (to know if more follow). */
    List<JsonNode> requests(SearchQuery query, Set<Long> projects) {
        Map<String, Object> parameters = new HashMap<>();
        String window = window(query, projects, parameters, "s");
        StringBuilder where = new StringBuilder(window);
        if (query.status() != null) {
            where.append(query.status() == SearchQuery.Status.ERROR ? " AND s.status_code = 'ERROR'" : " AND s.status_code != 'ERROR'");
        }
        if (query.httpStatus() != null) {
            where.append(" AND s.http_status = {httpStatus:UInt16}");
            parameters.put("httpStatus", query.httpStatus());
        }
        if (query.httpStatusClass() != null) {
            where.append(" AND intDiv(s.http_status, 100) = {httpClass:UInt16}");
            parameters.put("httpClass", query.httpStatusClass());
        }
        if (query.user() != null) {
            where.append(" AND s.user_id = {user:String}");
            parameters.put("user", query.user());
        }
        if (query.minMs() != null) {
            where.append(" AND s.duration_ns >= {minNs:UInt64}");
            parameters.put("minNs", Math.round(query.minMs() * 1_000_000));
        }
        if (query.maxMs() != null) {
            where.append(" AND s.duration_ns <= {maxNs:UInt64}");
            parameters.put("maxNs", Math.round(query.maxMs() * 1_000_000));
        }
        for (int i = 0; i < query.attributes().size(); i++) {
            SearchQuery.Attribute attribute = query.attributes().get(i);
            where.append(" AND (s.attributes[{attrKey").append(i).append(":String}] = {attrValue").append(i)
                    .append(":String} OR s.resource[{attrKey").append(i).append(":String}] = {attrValue").append(i).append(":String})");
            parameters.put("attrKey" + i, SemanticConventions.currentName(attribute.key()));
            parameters.put("attrValue" + i, attribute.value());
        }
        boolean byDuration = query.sort() == SearchQuery.Sort.DURATION;
        if (query.cursor() != null) {
            where.append(byDuration
                    ? " AND (s.duration_ns, toUnixTimestamp64Nano(s.start_time), s.span_id) < ({cursorSort:UInt64}, {cursorStart:Int64}, {cursorSpan:String})"
                    : " AND (toUnixTimestamp64Nano(s.start_time), s.span_id) < ({cursorStart:Int64}, {cursorSpan:String})");
            parameters.put("cursorSort", query.cursor().sortValue());
            parameters.put("cursorStart", query.cursor().startNanos());
            parameters.put("cursorSpan", query.cursor().spanId());
        }
        String percentileJoin = "";
        String thresholdColumn = "toUInt64(0) AS threshold_ns";
        if (query.abovePercentile() != null) {
            String thresholdWindow = window(query, projects, parameters, "p");
            percentileJoin = """
                     INNER JOIN (
                        SELECT p.service, p.endpoint,
                               arrayElement(arraySort(groupArray(p.duration_ns)), toUInt64(ceil({quantile:Float64} * count()))) AS threshold
                        FROM %s AS p
                        WHERE %s
                        GROUP BY p.service, p.endpoint
                    ) AS t ON s.service = t.service AND s.endpoint = t.endpoint""".formatted(tables.spans(), thresholdWindow);
            where.append(" AND s.duration_ns >= t.threshold");
            thresholdColumn = "t.threshold AS threshold_ns";
            parameters.put("quantile", query.abovePercentile() / 100);
        }
        parameters.put("limit", query.limit() + 1);
        String sql = """
                SELECT s.trace_id AS trace_id, s.span_id AS span_id, toUnixTimestamp64Nano(s.start_time) AS start_ns,
                       s.service AS service, s.endpoint AS endpoint, s.duration_ns AS duration_ns, s.status_code AS status,
                       s.http_status AS http_status, s.user_id AS user_id, s.service_version AS version,
                       s.environment AS environment, %s
                FROM %s AS s%s
                WHERE %s
                ORDER BY %s s.start_time DESC, s.span_id DESC
                LIMIT {limit:UInt32}
                SETTINGS output_format_json_quote_64bit_integers = 0
                """.formatted(thresholdColumn, tables.spans(), percentileJoin, where, byDuration ? "s.duration_ns DESC," : "");
        return rows(sql, parameters);
    }

    /** Span and error counts of whole traces, read through the trace-ID index's time bounds. */
    Map<String, long[]> spanCounts(List<String> traceIds, Set<Long> projects) {
        Map<String, long[]> counts = new HashMap<>();
        if (traceIds.isEmpty()) {
            return counts;
        }
        String sql = """
                WITH bounds AS (
                    SELECT min(min_start) AS low, max(max_end) AS high FROM %s
                    WHERE trace_id IN {traces:Array(String)} AND project_id IN {projects:Array(UInt32)}
                )
                SELECT trace_id, count() AS spans, countIf(status_code = 'ERROR') AS errors
                FROM %s
                WHERE trace_id IN {traces:Array(String)} AND project_id IN {projects:Array(UInt32)}
                  AND start_time BETWEEN (SELECT low FROM bounds) AND (SELECT high FROM bounds)
                GROUP BY trace_id
                SETTINGS output_format_json_quote_64bit_integers = 0
                """.formatted(tables.traceIndex(), tables.spans());
        for (JsonNode row : rows(sql, Map.of("traces", traceIds, "projects", List.copyOf(projects)))) {
            counts.put(row.get("trace_id").asString(), new long[] {row.get("spans").asLong(), row.get("errors").asLong()});
        }
        return counts;
    }

    /** The conditions that define "the endpoint's requests in the window", for table alias {@code alias}. */
    private static String window(SearchQuery query, Set<Long> projects, Map<String, Object> parameters, String alias) {
        parameters.put("projects", List.copyOf(projects));
        parameters.put("from", query.from());
        parameters.put("to", query.to());
        StringBuilder where = new StringBuilder("""
                %1$s.project_id IN {projects:Array(UInt32)} AND %1$s.is_entry
                  AND %1$s.start_time >= fromUnixTimestamp64Nano({from:Int64}) AND %1$s.start_time < fromUnixTimestamp64Nano({to:Int64})"""
                .formatted(alias));
        if (query.service() != null) {
            where.append(" AND ").append(alias).append(".service = {service:String}");
            parameters.put("service", query.service());
        }
        if (query.endpoint() != null) {
            where.append(" AND ").append(alias).append(".endpoint = {endpoint:String}");
            parameters.put("endpoint", query.endpoint());
        }
        if (query.version() != null) {
            where.append(" AND ").append(alias).append(".service_version = {version:String}");
            parameters.put("version", query.version());
        }
        if (query.environment() != null) {
            where.append(" AND ").append(alias).append(".environment = {environment:String}");
            parameters.put("environment", query.environment());
        }
        return where.toString();
    }

    private List<JsonNode> rows(String sql, Map<String, ?> parameters) {
        return JsonRows.read(clickHouse, sql, parameters);
    }
}
