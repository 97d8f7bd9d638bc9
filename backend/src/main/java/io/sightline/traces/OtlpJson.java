package io.sightline.traces;

import io.sightline.span.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trace as an OTLP/JSON export request (the encoding {@code POST /v1/traces} accepts: hex IDs,
 * enums as numbers, 64-bit integers as strings), so a downloaded trace can be attached to a ticket,
 * read by any OpenTelemetry tool, or sent to another Sightline. Attribute values get back the type
 * they arrived with; arrays and maps, stored as JSON text, become OTLP arrays and key-value lists.
 */
final class OtlpJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OtlpJson() {}

    static Map<String, Object> of(List<Span> spans) {
        // One resourceSpans per distinct resource, one scopeSpans per scope inside it, in first-seen order.
        Map<Map<String, String>, Map<List<String>, List<Map<String, Object>>>> grouped = new LinkedHashMap<>();
        Map<Map<String, String>, Map<String, Span.AttributeType>> resourceTypes = new LinkedHashMap<>();
        for (Span span : spans) {
            resourceTypes.putIfAbsent(span.resource(), span.resourceTypes());
            grouped.computeIfAbsent(span.resource(), resource -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(span.scopeName(), span.scopeVersion()), scope -> new ArrayList<>())
                    .add(span(span));
        }
        List<Object> resourceSpans = new ArrayList<>();
        grouped.forEach((resource, scopes) -> {
            List<Object> scopeSpans = new ArrayList<>();
            scopes.forEach((scope, scopeSpanList) -> scopeSpans.add(
                    Map.of("scope", Map.of("name", scope.get(0), "version", scope.get(1)), "spans", scopeSpanList)));
            resourceSpans.add(Map.of(
                    "resource",
                    Map.of("attributes", attributes(resource, resourceTypes.get(resource))),
                    "scopeSpans",
                    scopeSpans));
        });
        return Map.of("resourceSpans", resourceSpans);
    }

    private static Map<String, Object> span(Span span) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("traceId", span.traceId());
        out.put("spanId", span.spanId());
        if (!span.parentSpanId().isEmpty()) {
            out.put("parentSpanId", span.parentSpanId());
        }
        if (!span.traceState().isEmpty()) {
            out.put("traceState", span.traceState());
        }
        out.put("name", span.name());
        out.put("kind", span.kind().ordinal());
        out.put("startTimeUnixNano", Long.toUnsignedString(span.startNanos()));
        out.put("endTimeUnixNano", Long.toUnsignedString(span.endNanos()));
        out.put("attributes", attributes(span.attributes(), span.attributeTypes()));
        out.put(
                "events",
                span.events().stream()
                        .map(event -> Map.of(
                                "timeUnixNano",
                                Long.toUnsignedString(event.timeNanos()),
                                "name",
                                event.name(),
                                "attributes",
                                attributes(event.attributes(), Map.of())))
                        .toList());
        out.put(
                "links",
                span.links().stream()
                        .map(link -> Map.of(
                                "traceId",
                                link.traceId(),
                                "spanId",
                                link.spanId(),
                                "traceState",
                                link.traceState(),
                                "attributes",
                                attributes(link.attributes(), Map.of())))
                        .toList());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("code", span.status().ordinal());
        if (!span.statusMessage().isEmpty()) {
            status.put("message", span.statusMessage());
        }
        out.put("status", status);
        return out;
    }

    private static List<Object> attributes(Map<String, String> values, Map<String, Span.AttributeType> types) {
        List<Object> attributes = new ArrayList<>(values.size());
        values.forEach((key, value) -> attributes.add(Map.of("key", key, "value", value(value, types.get(key)))));
        return attributes;
    }

    static Map<String, Object> value(String text, Span.AttributeType type) {
        if (type == null) {
            return Map.of("stringValue", text);
        }
        try {
            return switch (type) {
                case BOOL -> Map.of("boolValue", Boolean.parseBoolean(text));
                case INT -> Map.of("intValue", Long.toString(Long.parseLong(text)));
                case DOUBLE -> Map.of("doubleValue", Double.parseDouble(text));
                case BYTES -> Map.of("bytesValue", text); // stored as base64, which is OTLP/JSON's encoding of bytes
                case ARRAY, MAP -> fromJson(JSON.readTree(text));
            };
        } catch (NumberFormatException | JacksonException e) {
            return Map.of("stringValue", text);
        }
    }

    private static Map<String, Object> fromJson(JsonNode node) {
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(item -> values.add(fromJson(item)));
            return Map.of("arrayValue", Map.of("values", values));
        }
        if (node.isObject()) {
            List<Object> values = new ArrayList<>();
            node.properties()
                    .forEach(entry -> values.add(Map.of("key", entry.getKey(), "value", fromJson(entry.getValue()))));
            return Map.of("kvlistValue", Map.of("values", values));
        }
        if (node.isBoolean()) {
            return Map.of("boolValue", node.asBoolean());
        }
        if (node.isIntegralNumber()) {
            return Map.of("intValue", node.asString());
        }
        if (node.isNumber()) {
            return Map.of("doubleValue", node.asDouble());
        }
        return Map.of("stringValue", node.isNull() ? "" : node.asString());
    }
}
