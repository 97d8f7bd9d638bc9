package io.sightline.span;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored spans back as an OTLP export request, the one way out for every consumer (the trace
 * download, forwarding): one {@code ResourceSpans} per distinct resource and one {@code ScopeSpans}
 * per scope inside it, in first-seen order. What was stored is what goes out — names as sent,
 * values after limits and redaction. Attribute values get back the type they arrived with; arrays
 * and maps, stored as JSON text, become OTLP arrays and key-value lists.
 */
public final class OtlpSpans {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    private OtlpSpans() {}

    public static ExportTraceServiceRequest request(List<Span> spans) {
        Map<Map<String, String>, Map<List<String>, List<io.opentelemetry.proto.trace.v1.Span>>> grouped =
                new LinkedHashMap<>();
        Map<Map<String, String>, Map<String, Span.AttributeType>> resourceTypes = new LinkedHashMap<>();
        for (Span span : spans) {
            resourceTypes.putIfAbsent(span.resource(), span.resourceTypes());
            grouped.computeIfAbsent(span.resource(), resource -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(span.scopeName(), span.scopeVersion()), scope -> new ArrayList<>())
                    .add(span(span));
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        grouped.forEach((resource, scopes) -> {
            ResourceSpans.Builder resourceSpans = request.addResourceSpansBuilder()
                    .setResource(
                            Resource.newBuilder().addAllAttributes(attributes(resource, resourceTypes.get(resource))));
            scopes.forEach((scope, scopeSpans) -> resourceSpans.addScopeSpans(ScopeSpans.newBuilder()
                    .setScope(InstrumentationScope.newBuilder()
                            .setName(scope.get(0))
                            .setVersion(scope.get(1)))
                    .addAllSpans(scopeSpans)));
        });
        return request.build();
    }

    private static io.opentelemetry.proto.trace.v1.Span span(Span span) {
        var out = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(id(span.traceId()))
                .setSpanId(id(span.spanId()))
                .setParentSpanId(id(span.parentSpanId()))
                .setTraceState(span.traceState())
                .setName(span.name())
                .setKindValue(span.kind().ordinal())
                .setStartTimeUnixNano(span.startNanos())
                .setEndTimeUnixNano(span.endNanos())
                .addAllAttributes(attributes(span.attributes(), span.attributeTypes()))
                .setStatus(Status.newBuilder()
                        .setCodeValue(span.status().ordinal())
                        .setMessage(span.statusMessage()));
        for (Span.Event event : span.events()) {
            out.addEventsBuilder()
                    .setTimeUnixNano(event.timeNanos())
                    .setName(event.name())
                    .addAllAttributes(attributes(event.attributes(), Map.of()));
        }
        for (Span.Link link : span.links()) {
            out.addLinksBuilder()
                    .setTraceId(id(link.traceId()))
                    .setSpanId(id(link.spanId()))
                    .setTraceState(link.traceState())
                    .addAllAttributes(attributes(link.attributes(), Map.of()));
        }
        return out.build();
    }

    private static ByteString id(String hex) {
        return hex.isEmpty() ? ByteString.EMPTY : ByteString.copyFrom(HEX.parseHex(hex));
    }

    private static List<KeyValue> attributes(Map<String, String> values, Map<String, Span.AttributeType> types) {
        List<KeyValue> attributes = new ArrayList<>(values.size());
        values.forEach((key, value) -> attributes.add(KeyValue.newBuilder()
                .setKey(key)
                .setValue(value(value, types.get(key)))
                .build()));
        return attributes;
    }

    /** A stored value as the OTLP value of its type; text that does not parse as its type stays text. */
    public static AnyValue value(String text, Span.AttributeType type) {
        if (type == null) {
            return AnyValue.newBuilder().setStringValue(text).build();
        }
        try {
            return switch (type) {
                case BOOL ->
                    AnyValue.newBuilder()
                            .setBoolValue(Boolean.parseBoolean(text))
                            .build();
                case INT ->
                    AnyValue.newBuilder().setIntValue(Long.parseLong(text)).build();
                case DOUBLE ->
                    AnyValue.newBuilder()
                            .setDoubleValue(Double.parseDouble(text))
                            .build();
                case BYTES ->
                    AnyValue.newBuilder()
                            .setBytesValue(
                                    ByteString.copyFrom(Base64.getDecoder().decode(text)))
                            .build();
                case ARRAY, MAP -> fromJson(JSON.readTree(text));
            };
        } catch (IllegalArgumentException | JacksonException e) {
            // NumberFormatException is an IllegalArgumentException, as is bad base64
            return AnyValue.newBuilder().setStringValue(text).build();
        }
    }

    private static AnyValue fromJson(JsonNode node) {
        AnyValue.Builder value = AnyValue.newBuilder();
        if (node.isArray()) {
            ArrayValue.Builder values = ArrayValue.newBuilder();
            node.forEach(item -> values.addValues(fromJson(item)));
            return value.setArrayValue(values).build();
        }
        if (node.isObject()) {
            KeyValueList.Builder values = KeyValueList.newBuilder();
            node.properties()
                    .forEach(entry -> values.addValues(
                            KeyValue.newBuilder().setKey(entry.getKey()).setValue(fromJson(entry.getValue()))));
            return value.setKvlistValue(values).build();
        }
        if (node.isBoolean()) {
            return value.setBoolValue(node.asBoolean()).build();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return value.setIntValue(node.asLong()).build();
        }
        if (node.isNumber()) {
            return value.setDoubleValue(node.asDouble()).build();
        }
        return value.setStringValue(node.isNull() ? "" : node.asString()).build();
    }
}
