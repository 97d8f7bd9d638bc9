package io.sightline.demo;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds one OTLP trace span by span, as instrumented services would have sent it. Times are
 * milliseconds (fractions allowed) after the trace's start; attributes alternate keys and values,
 * and numbers and booleans keep their OTLP type. Tests build their traces with it too.
 */
public final class TraceBuilder {

    /** Where a span comes from: its service's resource. */
    public record Service(String name, String version, String environmentKey, String environment) {}

    private final String traceId;
    private final long startNanos;
    private final Random random;
    private final List<Placed> handles = new ArrayList<>();

    public TraceBuilder(Random random, long startNanos) {
        this.random = random;
        this.traceId = hex(16);
        this.startNanos = startNanos;
    }

    public String traceId() {
        return traceId;
    }

    public SpanHandle span(
            Service service,
            SpanHandle parent,
            String name,
            Span.SpanKind kind,
            double startMs,
            double durationMs,
            Object... attributes) {
        String spanId = hex(8);
        Span.Builder span = Span.newBuilder()
                .setTraceId(ByteString.fromHex(traceId))
                .setSpanId(ByteString.fromHex(spanId))
                .setName(name)
                .setKind(kind)
                .setStartTimeUnixNano(startNanos + Math.round(startMs * 1_000_000))
                .setEndTimeUnixNano(startNanos + Math.round((startMs + durationMs) * 1_000_000));
        if (parent != null) {
            span.setParentSpanId(ByteString.fromHex(parent.spanId()));
        }
        for (int i = 0; i < attributes.length; i += 2) {
            span.addAttributes(attribute((String) attributes[i], attributes[i + 1]));
        }
        SpanHandle handle = new SpanHandle(spanId, span);
        handles.add(new Placed(service, handle));
        return handle;
    }

    private record Placed(Service service, SpanHandle handle) {}

    /** The trace as OTLP: one ResourceSpans per service. */
    public List<ResourceSpans> build() {
        Map<Service, ScopeSpans.Builder> scopes = new LinkedHashMap<>();
        for (Placed placed : handles) {
            scopes.computeIfAbsent(
                            placed.service(),
                            s -> ScopeSpans.newBuilder()
                                    .setScope(InstrumentationScope.newBuilder()
                                            .setName("io.sightline.demo")
                                            .setVersion("1.0")))
                    .addSpans(placed.handle().builder());
        }
        List<ResourceSpans> out = new ArrayList<>();
        scopes.forEach((service, scope) -> out.add(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(attribute("service.name", service.name()))
                        .addAttributes(attribute("service.version", service.version()))
                        .addAttributes(attribute(service.environmentKey(), service.environment()))
                        .addAttributes(attribute("telemetry.sdk.language", "java")))
                .addScopeSpans(scope)
                .build()));
        return out;
    }

    int spanCount() {
        return handles.size();
    }

    /** A span being built; more attributes, events, links or an error can still be added. */
    public static final class SpanHandle {
        private final String spanId;
        private final Span.Builder builder;

        SpanHandle(String spanId, Span.Builder builder) {
            this.spanId = spanId;
            this.builder = builder;
        }

        public String spanId() {
            return spanId;
        }

        Span.Builder builder() {
            return builder;
        }

        public SpanHandle error(String message) {
            builder.setStatus(Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage(message));
            return this;
        }

        SpanHandle exception(String type, String message, String stacktrace) {
            builder.addEvents(Span.Event.newBuilder()
                    .setName("exception")
                    .setTimeUnixNano(builder.getEndTimeUnixNano())
                    .addAttributes(attribute("exception.type", type))
                    .addAttributes(attribute("exception.message", message))
                    .addAttributes(attribute("exception.stacktrace", stacktrace)));
            return this;
        }

        SpanHandle link(String traceId, String spanId) {
            builder.addLinks(Span.Link.newBuilder()
                    .setTraceId(ByteString.fromHex(traceId))
                    .setSpanId(ByteString.fromHex(spanId)));
            return this;
        }
    }

    static KeyValue attribute(String key, Object value) {
        AnyValue.Builder any = AnyValue.newBuilder();
        switch (value) {
            case Long number -> any.setIntValue(number);
            case Integer number -> any.setIntValue(number);
            case Double number -> any.setDoubleValue(number);
            case Boolean flag -> any.setBoolValue(flag);
            default -> any.setStringValue(value.toString());
        }
        return KeyValue.newBuilder().setKey(key).setValue(any).build();
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        value[0] |= 1;
        return HexFormat.of().formatHex(value);
    }
}
