package io.sightline.span;

import io.sightline.storage.RowBinary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The columns of the {@code spans} table, in table order: each one's name, its ClickHouse type as
 * {@code system.columns} spells it, how a {@link Span} is written to it in RowBinary and how it is
 * read back from a {@code JSONEachRow} result. Ingest, the trace read and the test fixtures all go
 * through this list, so a new column is added here and in a migration ({@code SpanColumnIT}
 * checks the two agree).
 */
public enum SpanColumn {
    PROJECT_ID("project_id", "UInt32") {
        void write(Span span, RowBinary row) {
            row.uint32(span.projectId());
        }

        void read(JsonNode value, Span.Builder span) {
            span.projectId(value.asLong());
        }
    },
    // Read back as epoch nanoseconds under another name: a SELECT alias named start_time would
    // replace the column in the trace read's WHERE and ORDER BY.
    START_TIME("start_time", "DateTime64(9, 'UTC')", "toUnixTimestamp64Nano(start_time)", "start_ns") {
        void write(Span span, RowBinary row) {
            row.int64(span.startNanos());
        }

        void read(JsonNode value, Span.Builder span) {
            span.startNanos(value.asLong());
        }
    },
    TRACE_ID("trace_id", "String") {
        void write(Span span, RowBinary row) {
            row.string(span.traceId());
        }

        void read(JsonNode value, Span.Builder span) {
            span.traceId(value.asString());
        }
    },
    SPAN_ID("span_id", "String") {
        void write(Span span, RowBinary row) {
            row.string(span.spanId());
        }

        void read(JsonNode value, Span.Builder span) {
            span.spanId(value.asString());
        }
    },
    PARENT_SPAN_ID("parent_span_id", "String") {
        void write(Span span, RowBinary row) {
            row.string(span.parentSpanId());
        }

        void read(JsonNode value, Span.Builder span) {
            span.parentSpanId(value.asString());
        }
    },
    TRACE_STATE("trace_state", "String") {
        void write(Span span, RowBinary row) {
            row.string(span.traceState());
        }

        void read(JsonNode value, Span.Builder span) {
            span.traceState(value.asString());
        }
    },
    SERVICE("service", "LowCardinality(String)") {
        void write(Span span, RowBinary row) {
            row.string(span.service());
        }

        void read(JsonNode value, Span.Builder span) {
            span.service(value.asString());
        }
    },
    NAME("name", "LowCardinality(String)") {
        void write(Span span, RowBinary row) {
            row.string(span.name());
        }

        void read(JsonNode value, Span.Builder span) {
            span.name(value.asString());
        }
    },
    ENDPOINT("endpoint", "LowCardinality(String)") {
        void write(Span span, RowBinary row) {
            row.string(span.endpoint());
        }

        void read(JsonNode value, Span.Builder span) {
            span.endpoint(value.asString());
        }
    },
    KIND("kind", enum8(Span.SpanKind.values())) {
        void write(Span span, RowBinary row) {
            row.uint8(span.kind().ordinal());
        }

        void read(JsonNode value, Span.Builder span) {
            span.kind(Span.SpanKind.valueOf(value.asString()));
        }
    },
    IS_ENTRY("is_entry", "Bool") {
        void write(Span span, RowBinary row) {
            row.bool(span.entry());
        }

        void read(JsonNode value, Span.Builder span) {
            span.entry(value.asBoolean());
        }
    },
    DURATION_NS("duration_ns", "UInt64") {
        void write(Span span, RowBinary row) {
            row.int64(span.durationNanos());
        }

        void read(JsonNode value, Span.Builder span) {
            span.durationNanos(value.asLong());
        }
    },
    STATUS_CODE("status_code", enum8(Span.StatusCode.values())) {
        void write(Span span, RowBinary row) {
            row.uint8(span.status().ordinal());
        }

        void read(JsonNode value, Span.Builder span) {
            span.status(Span.StatusCode.valueOf(value.asString()));
        }
    },
    STATUS_MESSAGE("status_message", "String") {
        void write(Span span, RowBinary row) {
            row.string(span.statusMessage());
        }

        void read(JsonNode value, Span.Builder span) {
            span.statusMessage(value.asString());
        }
    },
    HTTP_METHOD("http_method", "LowCardinality(String)") {
        void write(Span span, RowBinary row) {
            row.string(span.httpMethod());
        }

        void read(JsonNode value, Span.Builder span) {
            span.httpMethod(value.asString());
        }
    },
    HTTP_STATUS("http_status", "UInt16") {
        void write(Span span, RowBinary row) {
            row.uint16(span.httpStatus());
        }

        void read(JsonNode value, Span.Builder span) {
            span.httpStatus(value.asInt());
        }
    },
    USER_ID("user_id", "String") {
        void write(Span span, RowBinary row) {
            row.string(span.userId());
        }

        void read(JsonNode value, Span.Builder span) {
            span.userId(value.asString());
        }
    },
    SERVICE_VERSION("service_version", "LowCardinality(String)") {
        void write(Span span, RowBinary row) {
            row.string(span.serviceVersion());
        }

        void read(JsonNode value, Span.Builder span) {
            span.serviceVersion(value.asString());
        }
    },
    ENVIRONMENT("environment", "LowCardinality(String)") {
        void write(Span span, RowBinary row) {
            row.string(span.environment());
        }

        void read(JsonNode value, Span.Builder span) {
            span.environment(value.asString());
        }
    },
    SCOPE_NAME("scope_name", "LowCardinality(String)") {
        void write(Span span, RowBinary row) {
            row.string(span.scopeName());
        }

        void read(JsonNode value, Span.Builder span) {
            span.scopeName(value.asString());
        }
    },
    SCOPE_VERSION("scope_version", "LowCardinality(String)") {
        void write(Span span, RowBinary row) {
            row.string(span.scopeVersion());
        }

        void read(JsonNode value, Span.Builder span) {
            span.scopeVersion(value.asString());
        }
    },
    ATTRIBUTES("attributes", "Map(LowCardinality(String), String)") {
        void write(Span span, RowBinary row) {
            row.map(span.attributes());
        }

        void read(JsonNode value, Span.Builder span) {
            span.attributes(strings(value));
        }
    },
    ATTRIBUTE_TYPES("attribute_types", "Map(LowCardinality(String), LowCardinality(String))") {
        void write(Span span, RowBinary row) {
            row.map(span.attributeTypes());
        }

        void read(JsonNode value, Span.Builder span) {
            span.attributeTypes(types(value));
        }
    },
    RESOURCE("resource", "Map(LowCardinality(String), String)") {
        void write(Span span, RowBinary row) {
            row.map(span.resource());
        }

        void read(JsonNode value, Span.Builder span) {
            span.resource(strings(value));
        }
    },
    RESOURCE_TYPES("resource_types", "Map(LowCardinality(String), LowCardinality(String))") {
        void write(Span span, RowBinary row) {
            row.map(span.resourceTypes());
        }

        void read(JsonNode value, Span.Builder span) {
            span.resourceTypes(types(value));
        }
    },
    EVENTS(
            "events",
            "Array(Tuple(time DateTime64(9, 'UTC'), name String, attributes Map(LowCardinality(String), String)))",
            "arrayMap(e -> (toUnixTimestamp64Nano(e.time), e.name, e.attributes), events)",
            "events") {
        void write(Span span, RowBinary row) {
            List<Span.Event> events = span.events();
            row.varint(events.size());
            for (int i = 0; i < events.size(); i++) {
                Span.Event event = events.get(i);
                row.int64(event.timeNanos()).string(event.name()).map(event.attributes());
            }
        }

        void read(JsonNode value, Span.Builder span) {
            List<Span.Event> events = new ArrayList<>(value.size());
            value.forEach(event -> events.add(
                    new Span.Event(event.get(0).asLong(), event.get(1).asString(), strings(event.get(2)))));
            span.events(events);
        }
    },
    LINKS(
            "links",
            "Array(Tuple(trace_id String, span_id String, trace_state String, "
                    + "attributes Map(LowCardinality(String), String)))") {
        void write(Span span, RowBinary row) {
            List<Span.Link> links = span.links();
            row.varint(links.size());
            for (int i = 0; i < links.size(); i++) {
                Span.Link link = links.get(i);
                row.string(link.traceId())
                        .string(link.spanId())
                        .string(link.traceState())
                        .map(link.attributes());
            }
        }

        void read(JsonNode value, Span.Builder span) {
            List<Span.Link> links = new ArrayList<>(value.size());
            value.forEach(link -> links.add(new Span.Link(
                    link.get(0).asString(), link.get(1).asString(), link.get(2).asString(), strings(link.get(3)))));
            span.links(links);
        }
    };

    private static final SpanColumn[] ALL = values();

    /**
     * The typed columns ingest derives from one attribute, by the attribute's current name: span
     * attributes for user, method and status, resource attributes for version and environment.
     */
    private static final Map<String, SpanColumn> BY_ATTRIBUTE = Map.of(
            SemanticConventions.USER_ID, USER_ID,
            SemanticConventions.HTTP_METHOD, HTTP_METHOD,
            SemanticConventions.HTTP_STATUS, HTTP_STATUS,
            SemanticConventions.SERVICE_VERSION, SERVICE_VERSION,
            SemanticConventions.ENVIRONMENT, ENVIRONMENT);

    /** The column names in table order: the column list of an insert whose rows {@link #writeRow} wrote. */
    public static final List<String> NAMES =
            Arrays.stream(ALL).map(SpanColumn::column).toList();

    private static final String SELECT_LIST = Arrays.stream(ALL)
            .map(column -> column.select.equals(column.key) ? column.key : column.select + " AS " + column.key)
            .collect(Collectors.joining(", "));

    private final String column;
    private final String type;
    private final String select;
    private final String key;

    SpanColumn(String column, String type) {
        this(column, type, column, column);
    }

    SpanColumn(String column, String type, String select, String key) {
        this.column = column;
        this.type = type;
        this.select = select;
        this.key = key;
    }

    /** The typed column holding attribute {@code name} (under any of its names), or null when none does. */
    public static SpanColumn holding(String name) {
        return BY_ATTRIBUTE.get(SemanticConventions.currentName(name));
    }

    public String column() {
        return column;
    }

    /** The ClickHouse type as {@code DESCRIBE TABLE} and {@code system.columns} give it. */
    public String type() {
        return type;
    }

    abstract void write(Span span, RowBinary row);

    abstract void read(JsonNode value, Span.Builder span);

    /** Appends one row: every column of {@code span}, in the order of {@link #NAMES}. Allocates nothing but buffer room. */
    public static void writeRow(Span span, RowBinary row) {
        for (SpanColumn column : ALL) {
            column.write(span, row);
        }
    }

    /**
     * The SELECT list that {@link #readRow} decodes, over the {@code spans} table's own column
     * names; read the result as {@code JSONEachRow} with 64-bit integers unquoted and tuples as
     * arrays ({@code output_format_json_quote_64bit_integers = 0},
     * {@code output_format_json_named_tuples_as_objects = 0}).
     */
    public static String selectList() {
        return SELECT_LIST;
    }

    /** A span from one {@code JSONEachRow} row of {@link #selectList()}. */
    public static Span readRow(JsonNode row) {
        Span.Builder span = Span.builder();
        for (SpanColumn column : ALL) {
            column.read(row.get(column.key), span);
        }
        return span.build();
    }

    private static String enum8(Enum<?>[] values) {
        return Arrays.stream(values)
                .map(value -> "'" + value.name() + "' = " + value.ordinal())
                .collect(Collectors.joining(", ", "Enum8(", ")"));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties()
                .forEach(entry -> map.put(entry.getKey(), entry.getValue().asString()));
        return map;
    }

    private static Map<String, Span.AttributeType> types(JsonNode object) {
        Map<String, Span.AttributeType> map = new LinkedHashMap<>();
        object.properties()
                .forEach(entry -> map.put(
                        entry.getKey(),
                        Span.AttributeType.valueOf(entry.getValue().asString())));
        return map;
    }
}
