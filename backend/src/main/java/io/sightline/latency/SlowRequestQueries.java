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

/**
 * The SQL of {@link SlowRequests}: the window's requests split at a threshold in nanoseconds
 * (slow when at or above it), and what differs between the two sides.
 */
@Repository
class SlowRequestQueries {

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    SlowRequestQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /** How many requests are slow and how many not. */
    JsonNode totals(SpanFilter requests, long thresholdNanos) {
        Map<String, Object> parameters = parameters(thresholdNanos);
        return JsonRows.read(
                        clickHouse,
                        "SELECT countIf(slow) AS slow_requests, countIf(NOT slow) AS other_requests FROM (%s)"
                                .formatted(split(requests, parameters)),
                        parameters)
                .getFirst();
    }

    /** Per operation of the requests' other spans in the service: calls and their time, slow and other. */
    List<JsonNode> calls(SpanFilter requests, long thresholdNanos) {
        Map<String, Object> parameters = parameters(thresholdNanos);
        return JsonRows.read(
                clickHouse,
                """
                SELECT %s AS operation,
                       countIf(r.slow) AS slow_calls, countIf(NOT r.slow) AS other_calls,
                       sumIf(s.duration_ns, r.slow) AS slow_ns, sumIf(s.duration_ns, NOT r.slow) AS other_ns
                FROM %s AS s INNER JOIN (%s) AS r ON s.trace_id = r.trace_id
                WHERE %s AND NOT s.is_entry
                GROUP BY operation""".formatted(
                                AttributeSql.valueOr("s.attributes", SemanticConventions.DB_QUERY_TEXT, "s.name"),
                                tables.spans(),
                                split(requests, parameters),
                                requests.traceSpans("s").bindInto(parameters)),
                parameters);
    }

    /** Per attribute value of the request span or its resource, held by at least two slow requests: slow and other counts. */
    List<JsonNode> attributes(SpanFilter requests, long thresholdNanos) {
        Map<String, Object> parameters = parameters(thresholdNanos);
        return JsonRows.read(clickHouse, """
                SELECT key, value, countIf(slow) AS slow_requests, countIf(NOT slow) AS other_requests
                FROM (%s)
                ARRAY JOIN arrayConcat(mapKeys(attributes), mapKeys(resource)) AS key,
                           arrayConcat(mapValues(attributes), mapValues(resource)) AS value
                GROUP BY key, value
                HAVING slow_requests >= 2""".formatted(split(requests, parameters)), parameters);
    }

    /** Each request with its attributes and whether it is slow. */
    private String split(SpanFilter requests, Map<String, Object> parameters) {
        return "SELECT trace_id, attributes, resource, duration_ns >= {threshold:UInt64} AS slow FROM %s WHERE %s"
                .formatted(tables.spans(), requests.requests("").bindInto(parameters));
    }

    private static Map<String, Object> parameters(long thresholdNanos) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("threshold", thresholdNanos);
        return parameters;
    }
}
