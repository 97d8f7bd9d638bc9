package io.sightline.traces;

import io.sightline.query.TraceBounds;
import io.sightline.span.Span;
import io.sightline.span.SpanColumn;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Repository;
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
        try (InputStream rows =
                        clickHouse.query(spansSql(traceIds.size()), parameters(traceIds, projects), "JSONEachRow");
                BufferedReader lines = new BufferedReader(new InputStreamReader(rows, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                spans.add(SpanColumn.readRow(JSON.readTree(line)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }

    static Map<String, Object> parameters(Collection<String> traceIds, Set<Long> projects) {
        return Map.of("traces", List.copyOf(traceIds), "projects", List.copyOf(projects), "max", MAX_SPANS);
    }

    /**
     * The read of {@code traces} traces. One trace runs at the engine's normal priority, not at the
     * reads' niceness ({@code sightline.storage.read.niceness}), which makes a read wait behind
     * every insert and merge: one trace's read is bounded (its own time range, found through the
     * index, at most {@link #MAX_SPANS} rows), and it is what an engineer holding a trace ID waits
     * for. Several traces may lie days apart, so their read keeps the niceness. (Niceness takes
     * effect only where the engine may set it, CAP_SYS_NICE; elsewhere every read runs at 0.)
     */
    String spansSql(int traces) {
        return """
                %s
                SELECT %s
                FROM %s
                WHERE %s
                ORDER BY start_time, span_id
                LIMIT {max:UInt32}
                SETTINGS output_format_json_quote_64bit_integers = 0, output_format_json_named_tuples_as_objects = 0%s
                """.formatted(
                        TraceBounds.with(tables),
                        SpanColumn.selectList(),
                        tables.spans(),
                        TraceBounds.spansWhere(),
                        traces == 1 ? ", os_thread_priority = 0" : "");
    }
}
