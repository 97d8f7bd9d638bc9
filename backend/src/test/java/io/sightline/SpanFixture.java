package io.sightline;

import io.sightline.span.Span;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.SpanTables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes spans straight into the span table (bypassing ingest), so read-side tests control every
 * column: any project, any time, any kind of malformed tree. Rows travel as JSONEachRow text in one
 * query parameter ({@code INSERT ... SELECT ... FROM format(JSONEachRow, ..., {rows:String})}).
 */
public final class SpanFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STRUCTURE = "project_id UInt32, start_ns Int64, trace_id String, span_id String, "
            + "parent_span_id String, trace_state String, service String, name String, endpoint String, kind String, "
            + "is_entry Bool, duration_ns UInt64, status_code String, status_message String, http_method String, "
            + "http_status UInt16, user_id String, service_version String, environment String, scope_name String, "
            + "scope_version String, attributes Map(String, String), attribute_types Map(String, String), "
            + "resource Map(String, String), resource_types Map(String, String), "
            + "events Array(Tuple(Int64, String, Map(String, String))), "
            + "links Array(Tuple(String, String, String, Map(String, String)))";

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    public SpanFixture(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /** Inserts the spans; they are readable once this returns. */
    public void insert(Collection<Span> spans) {
        StringBuilder rows = new StringBuilder();
        for (Span span : spans) {
            rows.append(JSON.writeValueAsString(row(span))).append('\n');
        }
        clickHouse.command("""
                INSERT INTO %s (project_id, start_time, trace_id, span_id, parent_span_id, trace_state, service, name, endpoint,
                    kind, is_entry, duration_ns, status_code, status_message, http_method, http_status, user_id, service_version,
                    environment, scope_name, scope_version, attributes, attribute_types, resource, resource_types, events, links)
                SELECT project_id, fromUnixTimestamp64Nano(start_ns), trace_id, span_id, parent_span_id, trace_state, service, name,
                    endpoint, kind, is_entry, duration_ns, status_code, status_message, http_method, http_status, user_id,
                    service_version, environment, scope_name, scope_version, attributes, attribute_types, resource, resource_types,
                    arrayMap(e -> (fromUnixTimestamp64Nano(e.1), e.2, e.3), events), links
                FROM format(JSONEachRow, '%s', {rows:String})
                """.formatted(tables.spans(), STRUCTURE), Map.of("rows", rows.toString()));
    }

    private static Map<String, Object> row(Span span) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("project_id", span.projectId());
        row.put("start_ns", span.startNanos());
        row.put("trace_id", span.traceId());
        row.put("span_id", span.spanId());
        row.put("parent_span_id", span.parentSpanId());
        row.put("trace_state", span.traceState());
        row.put("service", span.service());
        row.put("name", span.name());
        row.put("endpoint", span.endpoint());
        row.put("kind", span.kind().name());
        row.put("is_entry", span.entry());
        row.put("duration_ns", span.durationNanos());
        row.put("status_code", span.status().name());
        row.put("status_message", span.statusMessage());
        row.put("http_method", span.httpMethod());
        row.put("http_status", span.httpStatus());
        row.put("user_id", span.userId());
        row.put("service_version", span.serviceVersion());
        row.put("environment", span.environment());
        row.put("scope_name", span.scopeName());
        row.put("scope_version", span.scopeVersion());
        row.put("attributes", span.attributes());
        row.put("attribute_types", span.attributeTypes());
        row.put("resource", span.resource());
        row.put("resource_types", span.resourceTypes());
        row.put("events", span.events().stream().map(event -> List.of(event.timeNanos(), event.name(), event.attributes())).toList());
        row.put("links", span.links().stream().map(link -> List.of(link.traceId(), link.spanId(), link.traceState(), link.attributes()))
                .toList());
        return row;
    }

    public static String randomTraceId() {
        return randomHex(16);
    }

    public static String randomSpanId() {
        return randomHex(8);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }

    /** A span builder with plain defaults: an INTERNAL span of service "api", OK-less (UNSET) status, no attributes. */
    public static Builder span(long projectId, String traceId) {
        return new Builder(projectId, traceId);
    }

    public static final class Builder {
        private final long projectId;
        private final String traceId;
        private String spanId = randomSpanId();
        private String parentSpanId = "";
        private Instant start = Instant.now().minusSeconds(60);
        private Duration duration = Duration.ofMillis(1);
        private String service = "api";
        private String name = "work";
        private Span.SpanKind kind = Span.SpanKind.INTERNAL;
        private Span.StatusCode status = Span.StatusCode.UNSET;
        private String statusMessage = "";
        private String httpMethod = "";
        private int httpStatus;
        private String userId = "";
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final Map<String, Span.AttributeType> attributeTypes = new LinkedHashMap<>();
        private final Map<String, String> resource = new LinkedHashMap<>();
        private final List<Span.Event> events = new ArrayList<>();
        private final List<Span.Link> links = new ArrayList<>();

        private Builder(long projectId, String traceId) {
            this.projectId = projectId;
            this.traceId = traceId;
        }

        public Builder id(String id) { this.spanId = id; return this; }
        public Builder parent(String id) { this.parentSpanId = id; return this; }
        public Builder parent(Span parent) { return parent(parent.spanId()); }
        public Builder start(Instant at) { this.start = at; return this; }
        public Builder duration(Duration length) { this.duration = length; return this; }
        public Builder service(String name) { this.service = name; return this; }
        public Builder name(String spanName) { this.name = spanName; return this; }
        public Builder kind(Span.SpanKind spanKind) { this.kind = spanKind; return this; }
        public Builder error(String message) { this.status = Span.StatusCode.ERROR; this.statusMessage = message; return this; }
        public Builder http(String method, int statusCode) { this.httpMethod = method; this.httpStatus = statusCode; return this; }
        public Builder user(String id) { this.userId = id; this.attributes.put("user.id", id); return this; }
        public Builder attribute(String key, String value) { attributes.put(key, value); return this; }
        public Builder attribute(String key, String value, Span.AttributeType type) {
            attributes.put(key, value);
            attributeTypes.put(key, type);
            return this;
        }
        public Builder resource(String key, String value) { resource.put(key, value); return this; }
        public Builder event(Instant at, String eventName, Map<String, String> eventAttributes) {
            events.add(new Span.Event(at.getEpochSecond() * 1_000_000_000L + at.getNano(), eventName, eventAttributes));
            return this;
        }
        public Builder link(String linkedTrace, String linkedSpan) { links.add(new Span.Link(linkedTrace, linkedSpan, "", Map.of())); return this; }

        public Span build() {
            Map<String, String> resourceWithService = new LinkedHashMap<>(resource);
            resourceWithService.putIfAbsent("service.name", service);
            boolean entry = (kind == Span.SpanKind.SERVER || kind == Span.SpanKind.CONSUMER) && parentSpanId.isEmpty();
            return new Span(projectId, traceId, spanId, parentSpanId, "", start.getEpochSecond() * 1_000_000_000L + start.getNano(),
                    duration.toNanos(), service, name, name, kind, entry, status, statusMessage, httpMethod, httpStatus, userId, "",
                    "", "", "", Map.copyOf(attributes), Map.copyOf(attributeTypes), Map.copyOf(resourceWithService), Map.of(),
                    List.copyOf(events), List.copyOf(links));
        }
    }
}
