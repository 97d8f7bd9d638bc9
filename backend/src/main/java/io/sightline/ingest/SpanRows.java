package io.sightline.ingest;

import io.sightline.span.Span;
import io.sightline.storage.RowBinary;
import java.util.List;
import java.util.Map;

/** Encodes spans as RowBinary rows of the {@code spans} table, in the order of {@link #COLUMNS}. */
final class SpanRows {

    static final List<String> COLUMNS = List.of("project_id", "start_time", "trace_id", "span_id",
            "parent_span_id", "trace_state", "service", "name", "endpoint", "kind", "is_entry", "duration_ns",
            "status_code", "status_message", "http_method", "http_status", "user_id", "service_version",
            "environment", "scope_name", "scope_version", "attributes", "attribute_types", "resource",
            "resource_types", "events", "links");

    private SpanRows() {}

    static void write(Span span, RowBinary row) {
        row.uint32(span.projectId())
                .int64(span.startNanos())
                .string(span.traceId())
                .string(span.spanId())
                .string(span.parentSpanId())
                .string(span.traceState())
                .string(span.service())
                .string(span.name())
                .string(span.endpoint())
                .uint8(span.kind().ordinal())
                .bool(span.entry())
                .int64(span.durationNanos())
                .uint8(span.status().ordinal())
                .string(span.statusMessage())
                .string(span.httpMethod())
                .uint16(span.httpStatus())
                .string(span.userId())
                .string(span.serviceVersion())
                .string(span.environment())
                .string(span.scopeName())
                .string(span.scopeVersion());
        map(row, span.attributes());
        types(row, span.attributeTypes());
        map(row, span.resource());
        types(row, span.resourceTypes());
        row.varint(span.events().size());
        for (Span.Event event : span.events()) {
            row.int64(event.timeNanos()).string(event.name());
            map(row, event.attributes());
        }
        row.varint(span.links().size());
        for (Span.Link link : span.links()) {
            row.string(link.traceId()).string(link.spanId()).string(link.traceState());
            map(row, link.attributes());
        }
    }

    private static void map(RowBinary row, Map<String, String> map) {
        row.varint(map.size());
        map.forEach((key, value) -> row.string(key).string(value));
    }

    private static void types(RowBinary row, Map<String, Span.AttributeType> types) {
        row.varint(types.size());
        types.forEach((key, type) -> row.string(key).string(type.name()));
    }
}
