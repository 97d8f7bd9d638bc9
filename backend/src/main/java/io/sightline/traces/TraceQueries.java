package io.sightline.traces;

import io.sightline.query.TraceBounds;
import io.sightline.span.Span;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.SpanTables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads whole traces. The trace-ID lookup table gives a trace's time bounds, so the span read
 * touches one narrow time range (a day partition, a few granules) instead of every part; lookup and
 * read are one statement, one round trip.
 */
@Repository
public class TraceQueries {

    /** A trace this large is cut here (in start order), so one request cannot exhaust the heap. */
    static final int MAX_SPANS = 100_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    TraceQueries(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /**
     * Every span of the given traces that belongs to one of {@code projects}, in start order, at most
     * {@link #MAX_SPANS}. One statement: the trace-ID index gives the traces' time bounds, and the
     * span read is limited to them, so ClickHouse skips every day partition and part outside them
     * and reads only the granules whose trace-ID bloom filter matches (see {@code TraceQueriesIT},
     * which checks the plan with {@code EXPLAIN indexes = 1}).
     */
    public List<Span> spansOf(Collection<String> traceIds, Set<Long> projects) {
        if (traceIds.isEmpty() || projects.isEmpty()) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>();
        try (InputStream rows = clickHouse.query(spansSql(), parameters(traceIds, projects), "JSONEachRow");
                BufferedReader lines = new BufferedReader(new InputStreamReader(rows, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                spans.add(span(JSON.readTree(line)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }

    static Map<String, Object> parameters(Collection<String> traceIds, Set<Long> projects) {
        return Map.of("traces", List.copyOf(traceIds), "projects", List.copyOf(projects), "max", MAX_SPANS);
    }

    String spansSql() {
        return """
                %s
                SELECT project_id, trace_id, span_id, parent_span_id, trace_state,
                       toUnixTimestamp64Nano(start_time) AS start_ns, duration_ns, service, name, endpoint,
                       kind, is_entry, status_code, status_message, http_method, http_status, user_id,
                       service_version, environment, scope_name, scope_version,
                       attributes, attribute_types, resource, resource_types,
                       arrayMap(e -> (toUnixTimestamp64Nano(e.time), e.name, e.attributes), events) AS events,
                       links
                FROM %s
                WHERE %s
                ORDER BY start_time, span_id
                LIMIT {max:UInt32}
                SETTINGS output_format_json_quote_64bit_integers = 0, output_format_json_named_tuples_as_objects = 0
                """.formatted(TraceBounds.with(tables), tables.spans(), TraceBounds.spansWhere());
    }

    private static Span span(JsonNode row) {
        return new Span(
                row.get("project_id").asLong(),
                row.get("trace_id").asString(),
                row.get("span_id").asString(),
                row.get("parent_span_id").asString(),
                row.get("trace_state").asString(),
                row.get("start_ns").asLong(),
                row.get("duration_ns").asLong(),
                row.get("service").asString(),
                row.get("name").asString(),
                row.get("endpoint").asString(),
                Span.SpanKind.valueOf(row.get("kind").asString()),
                row.get("is_entry").asBoolean(),
                Span.StatusCode.valueOf(row.get("status_code").asString()),
                row.get("status_message").asString(),
                row.get("http_method").asString(),
                row.get("http_status").asInt(),
                row.get("user_id").asString(),
                row.get("service_version").asString(),
                row.get("environment").asString(),
                row.get("scope_name").asString(),
                row.get("scope_version").asString(),
                strings(row.get("attributes")),
                types(row.get("attribute_types")),
                strings(row.get("resource")),
                types(row.get("resource_types")),
                events(row.get("events")),
                links(row.get("links")));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asString()));
        return map;
    }

    private static Map<String, Span.AttributeType> types(JsonNode object) {
        Map<String, Span.AttributeType> map = new LinkedHashMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), Span.AttributeType.valueOf(entry.getValue().asString())));
        return map;
    }

    private static List<Span.Event> events(JsonNode array) {
        List<Span.Event> events = new ArrayList<>();
        array.forEach(event -> events.add(new Span.Event(event.get(0).asLong(), event.get(1).asString(), strings(event.get(2)))));
        return events;
    }

    private static List<Span.Link> links(JsonNode array) {
        List<Span.Link> links = new ArrayList<>();
        array.forEach(link -> links.add(new Span.Link(link.get(0).asString(), link.get(1).asString(), link.get(2).asString(),
                strings(link.get(3)))));
        return links;
    }
}
