package io.sightline.search;

import io.sightline.query.AttributeSql;
import io.sightline.query.SpanFilter;
import io.sightline.query.TraceBounds;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The SQL of request search. A request is an entry span; filters become bound parameters. "Above
 * pXX" compares each request with its endpoint's pXX over the same window and labels, which
 * {@link TraceSearch} takes from {@link io.sightline.query.RequestStats}.
 */
@Repository
class SearchQueries {

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    SearchQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /**
     * One row per matching request, in the query's order, at most {@code limit + 1} (to know if
     * more follow). With "above pXX", {@code thresholds} holds each (service, endpoint)'s pXX in
     * nanoseconds, and only requests at or above their endpoint's are kept.
     */
    List<JsonNode> requests(SearchQuery query, Set<Long> projects, Map<List<String>, Long> thresholds) {
        Map<String, Object> parameters = new HashMap<>();
        SpanFilter requests = query.requests(projects);
        StringBuilder where = new StringBuilder(requests.requests("s").bindInto(parameters));
        if (query.status() != null) {
            where.append(
                    query.status() == SearchQuery.Status.ERROR
                            ? " AND s.status_code = 'ERROR'"
                            : " AND s.status_code != 'ERROR'");
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
            where.append(" AND ")
                    .append(AttributeSql.equals("s", attribute.key(), attribute.value(), "attr" + i)
                            .bindInto(parameters));
        }
        boolean byDuration = query.sort() == SearchQuery.Sort.DURATION;
        if (query.cursor() != null) {
            where.append(
                    byDuration
                            ? " AND (s.duration_ns, toUnixTimestamp64Nano(s.start_time), s.span_id) < ({cursorSort:UInt64}, {cursorStart:Int64}, {cursorSpan:String})"
                            : " AND (toUnixTimestamp64Nano(s.start_time), s.span_id) < ({cursorStart:Int64}, {cursorSpan:String})");
            parameters.put("cursorSort", query.cursor().sortValue());
            parameters.put("cursorStart", query.cursor().startNanos());
            parameters.put("cursorSpan", query.cursor().spanId());
        }
        String with = "";
        String thresholdColumn = "toUInt64(0) AS threshold_ns";
        if (query.abovePercentile() != null) {
            List<String> services = new ArrayList<>();
            List<String> endpoints = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            thresholds.forEach((endpoint, nanos) -> {
                services.add(endpoint.get(0));
                endpoints.add(endpoint.get(1));
                values.add(nanos);
            });
            parameters.put("thresholdServices", services);
            parameters.put("thresholdEndpoints", endpoints);
            parameters.put("thresholds", values);
            with = """
                    WITH indexOf(arrayZip({thresholdServices:Array(String)}, {thresholdEndpoints:Array(String)}),
                                 (toString(s.service), toString(s.endpoint))) AS threshold_index
                    """;
            where.append(" AND threshold_index > 0 AND s.duration_ns >= threshold_ns");
            thresholdColumn = "arrayElement({thresholds:Array(UInt64)}, threshold_index) AS threshold_ns";
        }
        parameters.put("limit", query.limit() + 1);
        String sql =
                with + """
                SELECT s.trace_id AS trace_id, s.span_id AS span_id, toUnixTimestamp64Nano(s.start_time) AS start_ns,
                       s.service AS service, s.endpoint AS endpoint, s.duration_ns AS duration_ns, s.status_code AS status,
                       s.http_status AS http_status, s.user_id AS user_id, s.service_version AS version,
                       s.environment AS environment, %s
                FROM %s AS s
                WHERE %s
                ORDER BY %s s.start_time DESC, s.span_id DESC
                LIMIT {limit:UInt32}
                """.formatted(thresholdColumn, tables.spans(), where, byDuration ? "s.duration_ns DESC," : "");
        return rows(sql, parameters);
    }

    /** Span and error counts of whole traces, read through the trace-ID index's time bounds. */
    Map<String, long[]> spanCounts(List<String> traceIds, Set<Long> projects) {
        Map<String, long[]> counts = new HashMap<>();
        if (traceIds.isEmpty()) {
            return counts;
        }
        String sql = """
                %s
                SELECT trace_id, count() AS spans, countIf(status_code = 'ERROR') AS errors
                FROM %s
                WHERE %s
                GROUP BY trace_id
                """.formatted(TraceBounds.with(tables), tables.spans(), TraceBounds.spansWhere());
        for (JsonNode row : rows(sql, Map.of("traces", traceIds, "projects", List.copyOf(projects)))) {
            counts.put(
                    row.get("trace_id").asString(),
                    new long[] {row.get("spans").asLong(), row.get("errors").asLong()});
        }
        return counts;
    }

    private List<JsonNode> rows(String sql, Map<String, ?> parameters) {
        return JsonRows.read(clickHouse, sql, parameters);
    }
}
