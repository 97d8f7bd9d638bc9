package io.sightline.latency;

import io.sightline.security.ProjectAccess;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * What is different about an endpoint's requests at or above its pXX: the calls whose count or
 * time per request differs most between the slow requests and the rest, and the attribute values
 * (of the request span and its resource) that are over-represented among the slow ones, with counts.
 */
@Service
public class SlowRequests {

    static final int TOP = 10;

    private final ClickHouse clickHouse;
    private final SpanTables tables;
    private final ProjectAccess projectAccess;

    SlowRequests(ClickHouse clickHouse, SpanTables tables, ProjectAccess projectAccess) {
        this.clickHouse = clickHouse;
        this.tables = tables;
        this.projectAccess = projectAccess;
    }

    public record CallDifference(String operation, double callsPerSlowRequest, double callsPerOtherRequest, double msPerSlowRequest,
            double msPerOtherRequest) {}

    public record OverRepresented(String key, String value, long slowRequests, long otherRequests, double slowShare,
            double otherShare) {}

    public record Difference(double percentile, double thresholdMs, long slowRequests, long otherRequests, List<CallDifference> calls,
            List<OverRepresented> attributes) {}

    public Difference difference(String service, String endpoint, Instant from, Instant to, double percentile) {
        var projects = projectAccess.readableProjects();
        Map<String, Object> parameters = new HashMap<>(Map.of("projects", List.copyOf(projects.isEmpty() ? java.util.Set.of(0L) : projects),
                "service", service, "endpoint", endpoint, "from", from, "to", to, "q", percentile / 100));
        String requests = """
                SELECT trace_id, attributes, resource, duration_ns >= (
                    SELECT arraySort(groupArray(duration_ns))[toUInt64(ceil({q:Float64} * count()))] FROM %1$s
                    WHERE %2$s) AS slow
                FROM %1$s WHERE %2$s""".formatted(tables.spans(), """
                project_id IN {projects:Array(UInt32)} AND is_entry AND service = {service:String} AND endpoint = {endpoint:String}
                  AND start_time >= fromUnixTimestamp64Nano({from:Int64}) AND start_time < fromUnixTimestamp64Nano({to:Int64})""");
        JsonNode totals = rows("""
                SELECT countIf(slow) AS slow_requests, countIf(NOT slow) AS other_requests,
                       (SELECT arraySort(groupArray(duration_ns))[toUInt64(ceil({q:Float64} * count()))] FROM %s
                        WHERE project_id IN {projects:Array(UInt32)} AND is_entry AND service = {service:String} AND endpoint = {endpoint:String}
                          AND start_time >= fromUnixTimestamp64Nano({from:Int64}) AND start_time < fromUnixTimestamp64Nano({to:Int64})) AS threshold
                FROM (%s)
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(tables.spans(), requests), parameters).getFirst();
        long slow = totals.get("slow_requests").asLong();
        long other = totals.get("other_requests").asLong();
        List<CallDifference> calls = new ArrayList<>();
        for (JsonNode row : rows("""
                SELECT if(s.attributes['db.query.text'] != '', s.attributes['db.query.text'], s.name) AS operation,
                       countIf(r.slow) AS slow_calls, countIf(NOT r.slow) AS other_calls,
                       sumIf(s.duration_ns, r.slow) AS slow_ns, sumIf(s.duration_ns, NOT r.slow) AS other_ns
                FROM %s AS s INNER JOIN (%s) AS r ON s.trace_id = r.trace_id
                WHERE s.project_id IN {projects:Array(UInt32)} AND s.service = {service:String} AND NOT s.is_entry
                  AND s.start_time >= fromUnixTimestamp64Nano({from:Int64}) AND s.start_time < fromUnixTimestamp64Nano({to:Int64}) + INTERVAL 1 HOUR
                GROUP BY operation
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(tables.spans(), requests), parameters)) {
            calls.add(new CallDifference(row.get("operation").asString(), per(row.get("slow_calls").asLong(), slow),
                    per(row.get("other_calls").asLong(), other), per(row.get("slow_ns").asLong() / 1e6, slow),
                    per(row.get("other_ns").asLong() / 1e6, other)));
        }
        calls.sort(Comparator.comparingDouble((CallDifference c) -> Math.abs(c.msPerSlowRequest() - c.msPerOtherRequest())).reversed());
        List<OverRepresented> attributes = new ArrayList<>();
        for (JsonNode row : rows("""
                SELECT key, value, countIf(slow) AS slow_requests, countIf(NOT slow) AS other_requests
                FROM (%s)
                ARRAY JOIN arrayConcat(mapKeys(attributes), mapKeys(resource)) AS key,
                           arrayConcat(mapValues(attributes), mapValues(resource)) AS value
                GROUP BY key, value
                HAVING slow_requests >= 2
                SETTINGS output_format_json_quote_64bit_integers = 0""".formatted(requests), parameters)) {
            long slowWith = row.get("slow_requests").asLong();
            long otherWith = row.get("other_requests").asLong();
            double slowShare = per(slowWith, slow);
            double otherShare = per(otherWith, other);
            if (slowShare > otherShare) {
                attributes.add(new OverRepresented(row.get("key").asString(), row.get("value").asString(), slowWith, otherWith,
                        slowShare, otherShare));
            }
        }
        attributes.sort(Comparator.comparingDouble((OverRepresented a) -> a.slowShare() - a.otherShare()).reversed());
        return new Difference(percentile, Math.round(totals.get("threshold").asLong() / 1_000.0) / 1_000.0, slow, other,
                calls.subList(0, Math.min(TOP, calls.size())), attributes.subList(0, Math.min(TOP, attributes.size())));
    }

    private static double per(double amount, long requests) {
        return requests == 0 ? 0 : Math.round(amount / requests * 100) / 100.0;
    }

    private List<JsonNode> rows(String sql, Map<String, ?> parameters) {
        return JsonRows.read(clickHouse, sql, parameters);
    }
}
