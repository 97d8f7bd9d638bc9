package io.sightline.deploys;

import io.sightline.query.AttributeSql;
import io.sightline.query.RequestStats;
import io.sightline.query.SpanFilter;
import io.sightline.query.SqlFragment;
import io.sightline.span.SemanticConventions;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * The SQL of a before/after comparison of one service: the calls each side's requests make, by
 * statement, and an example trace of each side. Request counts and percentiles come from
 * {@link RequestStats}, grouped by endpoint and {@link Sides#side()}.
 */
@Repository
class ComparisonQueries {

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    ComparisonQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /**
     * What is compared: the service's requests in {@code requests}, split by version (two versions
     * over one window) or, when {@code byWindow}, by which of the filter's two windows a request
     * started in (any versions; the sides are then labelled {@code before} and {@code after}).
     */
    record Sides(SpanFilter requests, String before, String after, boolean byWindow) {

        /** Which side a request is on, as a grouping key: its version, or the window it fell in. */
        RequestStats.Key side() {
            if (!byWindow) {
                return RequestStats.Key.column("service_version");
            }
            SqlFragment spans = requests.window().starts("start_time");
            SqlFragment minutes = requests.window().minutes("minute");
            Map<String, Object> parameters = new HashMap<>(spans.parameters());
            parameters.put("before", before);
            parameters.put("after", after);
            return new RequestStats.Key(
                    "if(" + spans.sql() + ", {before:String}, {after:String})",
                    "if(" + minutes.sql() + ", {before:String}, {after:String})",
                    parameters);
        }

        /** The requests of both sides. */
        SqlFragment entries() {
            SqlFragment entries = requests.requests("");
            return byWindow
                    ? entries
                    : entries.and(new SqlFragment(
                            "service_version IN ({before:String}, {after:String})",
                            Map.of("before", before, "after", after)));
        }
    }

    /** Per (endpoint, version, operation): how many calls the requests made and their total time. */
    List<JsonNode> operations(Sides sides) {
        Map<String, Object> parameters = new HashMap<>();
        RequestStats.Key side = sides.side();
        parameters.putAll(side.parameters());
        return JsonRows.read(
                clickHouse,
                """
                SELECT r.endpoint AS endpoint, r.version AS version,
                       %5$s AS operation,
                       count() AS calls, sum(s.duration_ns) AS total_ns
                FROM %1$s AS s
                INNER JOIN (SELECT trace_id, span_id, endpoint, %2$s AS version FROM %1$s WHERE %3$s) AS r
                    ON s.trace_id = r.trace_id
                WHERE %4$s AND NOT s.is_entry AND s.kind IN ('CLIENT', 'PRODUCER')
                GROUP BY endpoint, version, operation""".formatted(
                                tables.spans(),
                                side.spansSql(),
                                sides.entries().bindInto(parameters),
                                sides.requests().traceSpans("s").bindInto(parameters),
                                AttributeSql.valueOr("s.attributes", SemanticConventions.DB_QUERY_TEXT, "s.name")),
                parameters);
    }

    /** The most recent request of each (endpoint, version): example traces for each side. */
    List<JsonNode> examples(Sides sides) {
        Map<String, Object> parameters = new HashMap<>();
        RequestStats.Key side = sides.side();
        parameters.putAll(side.parameters());
        return JsonRows.read(
                clickHouse,
                """
                SELECT endpoint, %s AS version, argMax(trace_id, start_time) AS trace_id
                FROM %s WHERE %s GROUP BY endpoint, version""".formatted(side.spansSql(), tables.spans(), sides.entries().bindInto(parameters)),
                parameters);
    }
}
