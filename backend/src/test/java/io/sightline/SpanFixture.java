package io.sightline;

import io.sightline.span.Span;
import io.sightline.span.SpanColumn;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.RowBinary;
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

/**
 * Writes spans straight into the span table (bypassing ingest), so read-side tests control every
 * column: any project, any time, any kind of malformed tree. Rows are encoded by the same column
 * registry as ingest's ({@link SpanColumn}) and inserted as one RowBinary insert.
 */
public final class SpanFixture {

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    public SpanFixture(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /** Inserts the spans; they are readable once this returns. */
    public void insert(Collection<Span> spans) {
        if (spans.isEmpty()) {
            return;
        }
        RowBinary rows = new RowBinary(1024 * spans.size());
        for (Span span : spans) {
            SpanColumn.writeRow(span, rows);
        }
        clickHouse.insert(tables.spans(), SpanColumn.NAMES, rows.toByteArray());
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

        public Builder id(String id) {
            this.spanId = id;
            return this;
        }

        public Builder parent(String id) {
            this.parentSpanId = id;
            return this;
        }

        public Builder parent(Span parent) {
            return parent(parent.spanId());
        }

        public Builder start(Instant at) {
            this.start = at;
            return this;
        }

        public Builder duration(Duration length) {
            this.duration = length;
            return this;
        }

        public Builder service(String name) {
            this.service = name;
            return this;
        }

        public Builder name(String spanName) {
            this.name = spanName;
            return this;
        }

        public Builder kind(Span.SpanKind spanKind) {
            this.kind = spanKind;
            return this;
        }

        public Builder error(String message) {
            this.status = Span.StatusCode.ERROR;
            this.statusMessage = message;
            return this;
        }

        public Builder http(String method, int statusCode) {
            this.httpMethod = method;
            this.httpStatus = statusCode;
            return this;
        }

        public Builder user(String id) {
            this.userId = id;
            this.attributes.put("user.id", id);
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        public Builder attribute(String key, String value, Span.AttributeType type) {
            attributes.put(key, value);
            attributeTypes.put(key, type);
            return this;
        }

        public Builder resource(String key, String value) {
            resource.put(key, value);
            return this;
        }

        public Builder event(Instant at, String eventName, Map<String, String> eventAttributes) {
            events.add(new Span.Event(at.getEpochSecond() * 1_000_000_000L + at.getNano(), eventName, eventAttributes));
            return this;
        }

        public Builder link(String linkedTrace, String linkedSpan) {
            links.add(new Span.Link(linkedTrace, linkedSpan, "", Map.of()));
            return this;
        }

        public Span build() {
            Map<String, String> resourceWithService = new LinkedHashMap<>(resource);
            resourceWithService.putIfAbsent("service.name", service);
            boolean entry = (kind == Span.SpanKind.SERVER || kind == Span.SpanKind.CONSUMER) && parentSpanId.isEmpty();
            return Span.builder()
                    .projectId(projectId)
                    .traceId(traceId)
                    .spanId(spanId)
                    .parentSpanId(parentSpanId)
                    .startNanos(start.getEpochSecond() * 1_000_000_000L + start.getNano())
                    .durationNanos(duration.toNanos())
                    .service(service)
                    .name(name)
                    .endpoint(name)
                    .kind(kind)
                    .entry(entry)
                    .status(status)
                    .statusMessage(statusMessage)
                    .httpMethod(httpMethod)
                    .httpStatus(httpStatus)
                    .userId(userId)
                    .attributes(Map.copyOf(attributes))
                    .attributeTypes(Map.copyOf(attributeTypes))
                    .resource(Map.copyOf(resourceWithService))
                    .events(List.copyOf(events))
                    .links(List.copyOf(links))
                    .build();
        }
    }
}
