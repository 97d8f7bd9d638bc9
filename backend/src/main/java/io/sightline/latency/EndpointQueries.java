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

/** Per-endpoint request statistics over a window, from raw entry spans. */
@Repository
class EndpointQueries {


    private final ClickHouse clickHouse;
    private final SpanTables tables;

    EndpointQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /**
     * One row per (service, endpoint): requests, errors and nearest-rank p50/p95/p99 in
     * nanoseconds — the same definition search's "above pXX" uses, so numbers and links agree.
     */
    List<JsonNode> endpoints(Set<Long> projects, Instant from, Instant to, String service) {
        Map<String, Object> parameters = new HashMap<>(Map.of("projects", List.copyOf(projects), "from", from, "to", to));
        String serviceFilter = "";
        if (service != null) {
            serviceFilter = " AND service = {service:String}";
            parameters.put("service", service);
        }
        String sql = """
                SELECT service, endpoint, requests, errors,
                       sorted[toUInt64(ceil(0.50 * requests))] AS p50,
                       sorted[toUInt64(ceil(0.95 * requests))] AS p95,
                       sorted[toUInt64(ceil(0.99 * requests))] AS p99
                FROM (
                    SELECT service, endpoint, count() AS requests, countIf(status_code = 'ERROR') AS errors,
                           arraySort(groupArray(duration_ns)) AS sorted
                    FROM %s
                    WHERE project_id IN {projects:Array(UInt32)} AND is_entry
                      AND start_time >= fromUnixTimestamp64Nano({from:Int64}) AND start_time < fromUnixTimestamp64Nano({to:Int64})%s
                    GROUP BY service, endpoint
                )
                ORDER BY service, requests DESC, endpoint
                SETTINGS output_format_json_quote_64bit_integers = 0
                """.formatted(tables.spans(), serviceFilter);
        return JsonRows.read(clickHouse, sql, parameters);
    }
}
