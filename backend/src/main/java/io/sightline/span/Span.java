package io.sightline.span;

import java.util.List;
import java.util.Map;

/**
 * One span as Sightline stores it: decoded from OTLP, attributes under the names they were sent with
 * (typed columns derived through {@link SemanticConventions}), secrets redacted. IDs are lowercase hex (32 digits for a trace, 16 for a span); an
 * absent parent is the empty string. Times are epoch nanoseconds.
 *
 * <p>{@code attributes} and {@code resource} hold every value as text; {@code attributeTypes} and
 * {@code resourceTypes} name the OTLP type of those that were not strings, so APIs can give them
 * back typed.
 */
public record Span(
        long projectId,
        String traceId,
        String spanId,
        String parentSpanId,
        String traceState,
        long startNanos,
        long durationNanos,
        String service,
        String name,
        String endpoint,
        SpanKind kind,
        boolean entry,
        StatusCode status,
        String statusMessage,
        String httpMethod,
        int httpStatus,
        String userId,
        String serviceVersion,
        String environment,
        String scopeName,
        String scopeVersion,
        Map<String, String> attributes,
        Map<String, AttributeType> attributeTypes,
        Map<String, String> resource,
        Map<String, AttributeType> resourceTypes,
        List<Event> events,
        List<Link> links) {

    /** Start plus duration, saturated at the long range's ends rather than wrapping around. */
    public long endNanos() {
        long end = startNanos + durationNanos;
        // The sum overflowed when it differs in sign from both operands (Math.addExact's test).
        return ((startNanos ^ end) & (durationNanos ^ end)) < 0
                ? (durationNanos < 0 ? Long.MIN_VALUE : Long.MAX_VALUE)
                : end;
    }

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    /** A builder whose unset fields are zero, empty text, empty maps and lists, UNSPECIFIED and UNSET. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this span's fields, to derive a span that differs in a few. */
    public Builder toBuilder() {
        return new Builder()
                .projectId(projectId)
                .traceId(traceId)
                .spanId(spanId)
                .parentSpanId(parentSpanId)
                .traceState(traceState)
                .startNanos(startNanos)
                .durationNanos(durationNanos)
                .service(service)
                .name(name)
                .endpoint(endpoint)
                .kind(kind)
                .entry(entry)
                .status(status)
                .statusMessage(statusMessage)
                .httpMethod(httpMethod)
                .httpStatus(httpStatus)
                .userId(userId)
                .serviceVersion(serviceVersion)
                .environment(environment)
                .scopeName(scopeName)
                .scopeVersion(scopeVersion)
                .attributes(attributes)
                .attributeTypes(attributeTypes)
                .resource(resource)
                .resourceTypes(resourceTypes)
                .events(events)
                .links(links);
    }

    /** A timestamped annotation; exceptions are events named {@code exception}. */
    public record Event(long timeNanos, String name, Map<String, String> attributes) {}

    /** A causal link to a span of this or another trace (batch consumers, async fan-in). */
    public record Link(String traceId, String spanId, String traceState, Map<String, String> attributes) {}

    /** Matches OTLP's {@code Span.SpanKind} numbering. */
    public enum SpanKind {
        UNSPECIFIED,
        INTERNAL,
        SERVER,
        CLIENT,
        PRODUCER,
        CONSUMER
    }

    /** Matches OTLP's {@code Status.StatusCode} numbering. */
    public enum StatusCode {
        UNSET,
        OK,
        ERROR
    }

    /** OTLP's {@code AnyValue} kinds other than string. */
    public enum AttributeType {
        BOOL,
        INT,
        DOUBLE,
        ARRAY,
        MAP,
        BYTES
    }

    /**
     * Builds a {@link Span} by field name. Maps and lists are kept as given, not copied: hand over
     * collections nobody changes afterwards. Fields keep their values after {@link #build()}, so a
     * builder can be reused for the next span when every field is set again.
     */
    public static final class Builder {

        private long projectId;
        private String traceId = "";
        private String spanId = "";
        private String parentSpanId = "";
        private String traceState = "";
        private long startNanos;
        private long durationNanos;
        private String service = "";
        private String name = "";
        private String endpoint = "";
        private SpanKind kind = SpanKind.UNSPECIFIED;
        private boolean entry;
        private StatusCode status = StatusCode.UNSET;
        private String statusMessage = "";
        private String httpMethod = "";
        private int httpStatus;
        private String userId = "";
        private String serviceVersion = "";
        private String environment = "";
        private String scopeName = "";
        private String scopeVersion = "";
        private Map<String, String> attributes = Map.of();
        private Map<String, AttributeType> attributeTypes = Map.of();
        private Map<String, String> resource = Map.of();
        private Map<String, AttributeType> resourceTypes = Map.of();
        private List<Event> events = List.of();
        private List<Link> links = List.of();

        private Builder() {}

        public Builder projectId(long value) {
            this.projectId = value;
            return this;
        }

        public Builder traceId(String value) {
            this.traceId = value;
            return this;
        }

        public Builder spanId(String value) {
            this.spanId = value;
            return this;
        }

        public Builder parentSpanId(String value) {
            this.parentSpanId = value;
            return this;
        }

        public Builder traceState(String value) {
            this.traceState = value;
            return this;
        }

        public Builder startNanos(long value) {
            this.startNanos = value;
            return this;
        }

        public Builder durationNanos(long value) {
            this.durationNanos = value;
            return this;
        }

        public Builder service(String value) {
            this.service = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder endpoint(String value) {
            this.endpoint = value;
            return this;
        }

        public Builder kind(SpanKind value) {
            this.kind = value;
            return this;
        }

        public Builder entry(boolean value) {
            this.entry = value;
            return this;
        }

        public Builder status(StatusCode value) {
            this.status = value;
            return this;
        }

        public Builder statusMessage(String value) {
            this.statusMessage = value;
            return this;
        }

        public Builder httpMethod(String value) {
            this.httpMethod = value;
            return this;
        }

        public Builder httpStatus(int value) {
            this.httpStatus = value;
            return this;
        }

        public Builder userId(String value) {
            this.userId = value;
            return this;
        }

        public Builder serviceVersion(String value) {
            this.serviceVersion = value;
            return this;
        }

        public Builder environment(String value) {
            this.environment = value;
            return this;
        }

        public Builder scopeName(String value) {
            this.scopeName = value;
            return this;
        }

        public Builder scopeVersion(String value) {
            this.scopeVersion = value;
            return this;
        }

        public Builder attributes(Map<String, String> value) {
            this.attributes = value;
            return this;
        }

        public Builder attributeTypes(Map<String, AttributeType> value) {
            this.attributeTypes = value;
            return this;
        }

        public Builder resource(Map<String, String> value) {
            this.resource = value;
            return this;
        }

        public Builder resourceTypes(Map<String, AttributeType> value) {
            this.resourceTypes = value;
            return this;
        }

        public Builder events(List<Event> value) {
            this.events = value;
            return this;
        }

        public Builder links(List<Link> value) {
            this.links = value;
            return this;
        }

        public Span build() {
            return new Span(
                    projectId,
                    traceId,
                    spanId,
                    parentSpanId,
                    traceState,
                    startNanos,
                    durationNanos,
                    service,
                    name,
                    endpoint,
                    kind,
                    entry,
                    status,
                    statusMessage,
                    httpMethod,
                    httpStatus,
                    userId,
                    serviceVersion,
                    environment,
                    scopeName,
                    scopeVersion,
                    attributes,
                    attributeTypes,
                    resource,
                    resourceTypes,
                    events,
                    links);
        }
    }
}
