package io.sightline.storage;

/** Fully qualified names of the span tables, for the features' SQL. Exists once the schema is migrated. */
public record SpanTables(String database) {

    public String spans() {
        return database + ".spans";
    }

    public String endpointMinutes() {
        return database + ".endpoint_minutes";
    }

    public String traceIndex() {
        return database + ".trace_index";
    }
}
