package io.sightline.query;

import io.sightline.storage.SpanTables;

/**
 * Reading whole traces by ID: the trace-ID index ({@code trace_index}) gives the traces' time
 * bounds, and the span read is limited to them, so ClickHouse skips every partition and part
 * outside them before it reads a trace-ID bloom filter. Parameters: {@code traces}
 * ({@code Array(String)}) and {@code projects} ({@code Array(UInt32)}).
 */
public final class TraceBounds {

    private TraceBounds() {}

    /** The {@code WITH bounds AS (…)} clause that starts the query. */
    public static String with(SpanTables tables) {
        return """
                WITH bounds AS (
                    SELECT min(min_start) AS low, max(max_end) AS high
                    FROM %s
                    WHERE trace_id IN {traces:Array(String)} AND project_id IN {projects:Array(UInt32)}
                )""".formatted(tables.traceIndex());
    }

    /** The span condition: the traces' IDs, the projects, and {@code start_time} within the bounds. */
    public static String spansWhere() {
        return "trace_id IN {traces:Array(String)} AND project_id IN {projects:Array(UInt32)}"
                + " AND start_time BETWEEN (SELECT low FROM bounds) AND (SELECT high FROM bounds)";
    }
}
