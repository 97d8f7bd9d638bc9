package io.sightline.jaeger;

import io.sightline.query.AttributeSql;
import io.sightline.query.TimeWindow;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.SpanTables;
import io.sightline.web.TimeRange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The SQL behind Jaeger's service, operation and trace-search endpoints. */
@Repository
class JaegerQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    JaegerQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /**
     * Services with spans in the last 31 days (the longest window any search takes), up to a day
     * ahead (the most clock skew ingest accepts): the list reads a bounded slice of the table, never
     * all of it.
     */
    List<String> services(Set<Long> projects) {
        if (projects.isEmpty()) {
            return List.of();
        }
        Map<String, Object> parameters = new HashMap<>(Map.of("projects", List.copyOf(projects)));
        return column(
                "SELECT DISTINCT service FROM " + tables.spans()
                        + " WHERE project_id IN {projects:Array(UInt32)} AND " + listed(parameters)
                        + " ORDER BY service",
                parameters);
    }

    /** The window the service and operation lists cover, bound into {@code parameters}. */
    private static String listed(Map<String, Object> parameters) {
        Instant now = Instant.now();
        return new TimeWindow(now.minus(TimeRange.MAX_LENGTH), now.plus(Duration.ofDays(1)))
                .starts("start_time")
                .bindInto(parameters);
    }

    /**
     * Span names of a service with their kind in Jaeger's spelling ("server", "" when unspecified),
     * by name, over the same window as {@link #services}.
     */
    List<Operation> operations(Set<Long> projects, String service, String kind) {
        if (projects.isEmpty()) {
            return List.of();
        }
        Map<String, Object> parameters = new HashMap<>(Map.of("projects", List.copyOf(projects), "service", service));
        String kindFilter = "";
        if (kind != null && !kind.isBlank()) {
            kindFilter = " AND kind = {kind:String}";
            parameters.put("kind", JaegerSearch.kind(kind));
        }
        // Jaeger names an unspecified kind "".
        return rows(
                        "SELECT DISTINCT name, if(kind = 'UNSPECIFIED', '', lower(toString(kind))) FROM "
                                + tables.spans()
                                + " WHERE project_id IN {projects:Array(UInt32)} AND service = {service:String}"
                                + " AND " + listed(parameters)
                                + kindFilter
                                + " ORDER BY name, 2",
                        parameters)
                .stream()
                .map(row -> new Operation(row.get(0), row.get(1)))
                .toList();
    }

    /** A span name of a service and its kind, as {@code /api/operations} gives them. */
    record Operation(String name, String spanKind) {}

    /**
     * IDs of the latest traces (by their latest matching span, newest first, at most the search's
     * limit) with a span of the service matching every condition of the search within its time range.
     */
    List<String> findTraceIds(Set<Long> projects, JaegerSearch search) {
        if (projects.isEmpty()) {
            return List.of();
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("projects", List.copyOf(projects));
        parameters.put("service", search.service());
        parameters.put("limit", search.limit());
        StringBuilder where = new StringBuilder(
                        "project_id IN {projects:Array(UInt32)} AND service = {service:String} AND ")
                .append(new TimeWindow(search.start(), search.end())
                        .startsThroughEnd("start_time")
                        .bindInto(parameters));
        if (search.operation() != null) {
            where.append(" AND name = {operation:String}");
            parameters.put("operation", search.operation());
        }
        if (search.minDurationNanos() != null) {
            where.append(" AND duration_ns >= {min:UInt64}");
            parameters.put("min", search.minDurationNanos());
        }
        if (search.maxDurationNanos() != null) {
            where.append(" AND duration_ns <= {max:UInt64}");
            parameters.put("max", search.maxDurationNanos());
        }
        List<Map.Entry<String, String>> tags = new ArrayList<>(search.tags().entrySet());
        for (int i = 0; i < tags.size(); i++) {
            String key = tags.get(i).getKey();
            String value = tags.get(i).getValue();
            switch (key) {
                case "error" ->
                    where.append(
                            value.equalsIgnoreCase("true")
                                    ? " AND status_code = 'ERROR'"
                                    : " AND status_code != 'ERROR'");
                case "otel.status_code" -> {
                    where.append(" AND status_code = {tag").append(i).append(":String}");
                    parameters.put("tag" + i, JaegerSearch.statusCode(value));
                }
                case "span.kind" -> {
                    where.append(" AND kind = {tag").append(i).append(":String}");
                    parameters.put("tag" + i, JaegerSearch.kind(value));
                }
                default ->
                    where.append(" AND ")
                            .append(AttributeSql.equals("", key, value, "tag" + i)
                                    .bindInto(parameters));
            }
        }
        return column(
                "SELECT trace_id FROM " + tables.spans() + " WHERE " + where
                        + " GROUP BY trace_id ORDER BY max(start_time) DESC LIMIT {limit:UInt32}",
                parameters);
    }

    /** Rows of a query whose columns are all strings (JSON, so tabs or newlines in span data cannot split them). */
    private List<List<String>> rows(String sql, Map<String, ?> parameters) {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream result = clickHouse.query(sql, parameters, "JSONCompactEachRow");
                BufferedReader lines = new BufferedReader(new InputStreamReader(result, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                List<String> row = new ArrayList<>();
                JSON.readTree(line).forEach(value -> row.add(value.asString()));
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private List<String> column(String sql, Map<String, ?> parameters) {
        return rows(sql, parameters).stream().map(List::getFirst).toList();
    }
}
