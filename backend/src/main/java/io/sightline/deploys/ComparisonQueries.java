package io.sightline.deploys;

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
 * The SQL of a before/after comparison of one service's two versions over a window: per endpoint,
 * request statistics (nearest-rank percentiles), and the calls its requests make, by statement.
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
     * What is compared: two versions over one window, or (when {@code afterFrom} is set) any
     * versions in two windows, [from, to) before and [afterFrom, afterTo) after; the sides are then
     * labelled {@code before} and {@code after}.
     */
    record Sides(Set<Long> projects, String service, String before, String after, Instant from, Instant to, Instant afterFrom,
            Instant afterTo) {

        boolean byWindow() {
            return afterFrom != null;
        }
    }

    /** Per (endpoint, version): requests, errors, p50/p95/p99 in ns. */
    List<JsonNode> endpoints(Sides sides) {
        Map<String, Object> parameters = parameters(sides);
        return rows("""
                SELECT endpoint, version, requests, errors,
                       sorted[toUInt64(ceil(0.50 * requests))] AS p50, sorted[toUInt64(ceil(0.95 * requests))] AS p95,
                       sorted[toUInt64(ceil(0.99 * requests))] AS p99
                FROM (SELECT endpoint, %s AS version, count() AS requests, countIf(status_code = 'ERROR') AS errors,
                             arraySort(groupArray(duration_ns)) AS sorted
                      FROM %s
                      WHERE %s
                      GROUP BY endpoint, version)
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(side(sides), tables.spans(), entries(sides)), parameters);
    }

    /** Per (endpoint, version, operation): how many calls the requests made and their total time. */
    List<JsonNode> operations(Sides sides) {
        Map<String, Object> parameters = parameters(sides);
        return rows("""
                SELECT r.endpoint AS endpoint, r.version AS version,
                       if(s.attributes['db.query.text'] != '', s.attributes['db.query.text'], s.name) AS operation,
                       count() AS calls, sum(s.duration_ns) AS total_ns
                FROM %1$s AS s
                INNER JOIN (SELECT trace_id, span_id, endpoint, %3$s AS version FROM %1$s WHERE %2$s) AS r
                    ON s.trace_id = r.trace_id
                WHERE s.project_id IN {projects:Array(UInt32)} AND s.service = {service:String} AND NOT s.is_entry
                  AND s.kind IN ('CLIENT', 'PRODUCER')
                  AND s.start_time >= fromUnixTimestamp64Nano({from:Int64})
                  AND s.start_time < fromUnixTimestamp64Nano({spansTo:Int64}) + INTERVAL 1 HOUR
                GROUP BY endpoint, version, operation
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(tables.spans(), entries(sides), side(sides)), parameters);
    }

    /** The most recent request of each (endpoint, version): example traces for each side. */
    List<JsonNode> examples(Sides sides) {
        Map<String, Object> parameters = parameters(sides);
        return rows("""
                SELECT endpoint, %s AS version, argMax(trace_id, start_time) AS trace_id
                FROM %s WHERE %s GROUP BY endpoint, version""".formatted(side(sides), tables.spans(), entries(sides)), parameters);
    }

    /** The requests of both sides, whichever way the sides are defined. */
    private static String entries(Sides sides) {
        String common = "project_id IN {projects:Array(UInt32)} AND is_entry AND service = {service:String}";
        if (sides.byWindow()) {
            return common + """
                     AND ((start_time >= fromUnixTimestamp64Nano({from:Int64}) AND start_time < fromUnixTimestamp64Nano({to:Int64}))
                       OR (start_time >= fromUnixTimestamp64Nano({afterFrom:Int64}) AND start_time < fromUnixTimestamp64Nano({afterTo:Int64})))""";
        }
        return common + """
                 AND service_version IN ({before:String}, {after:String})
                 AND start_time >= fromUnixTimestamp64Nano({from:Int64}) AND start_time < fromUnixTimestamp64Nano({to:Int64})""";
    }

    /** Which side a request is on: its version, or which window it fell in. */
    private static String side(Sides sides) {
        return sides.byWindow()
                ? "if(start_time < fromUnixTimestamp64Nano({to:Int64}) AND start_time >= fromUnixTimestamp64Nano({from:Int64}), {before:String}, {after:String})"
                : "service_version";
    }

    private static Map<String, Object> parameters(Sides sides) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("projects", List.copyOf(sides.projects()));
        parameters.put("service", sides.service());
        parameters.put("before", sides.before());
        parameters.put("after", sides.after());
        parameters.put("from", sides.from());
        parameters.put("to", sides.to());
        if (sides.byWindow()) {
            parameters.put("afterFrom", sides.afterFrom());
            parameters.put("afterTo", sides.afterTo());
        }
        parameters.put("spansTo", sides.byWindow() && sides.afterTo().isAfter(sides.to()) ? sides.afterTo() : sides.to());
        return parameters;
    }

    private List<JsonNode> rows(String sql, Map<String, ?> parameters) {
        return JsonRows.read(clickHouse, sql, parameters);
    }
}
