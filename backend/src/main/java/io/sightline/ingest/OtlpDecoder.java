package io.sightline.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes OTLP/HTTP trace export bodies. Binary protobuf as is; JSON as the OTLP spec encodes it,
 * which differs from protobuf's canonical JSON mapping in one way: trace and span IDs are hex, not
 * base64. IDs are converted before the standard JSON parser reads the rest (enum numbers,
 * 64-bit integers as strings, camelCase or original field names).
 */
final class OtlpDecoder {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final HexFormat HEX = HexFormat.of();

    private OtlpDecoder() {}

    static ExportTraceServiceRequest protobuf(byte[] body) throws MalformedBodyException {
        try {
            return ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedBodyException(
                    "the body is not an OTLP ExportTraceServiceRequest in protobuf: " + e.getMessage());
        }
    }

    static ExportTraceServiceRequest json(byte[] body) throws MalformedBodyException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedBodyException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedBodyException("the body must be a JSON object with resourceSpans");
        }
        for (JsonNode resourceSpans : array(root, "resourceSpans", "resource_spans")) {
            for (JsonNode scopeSpans : array(resourceSpans, "scopeSpans", "scope_spans")) {
                for (JsonNode span : array(scopeSpans, "spans", "spans")) {
                    hexToBase64(span, "traceId", "trace_id");
                    hexToBase64(span, "spanId", "span_id");
                    hexToBase64(span, "parentSpanId", "parent_span_id");
                    for (JsonNode link : array(span, "links", "links")) {
                        hexToBase64(link, "traceId", "trace_id");
                        hexToBase64(link, "spanId", "span_id");
                    }
                }
            }
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        try {
            PARSER.merge(JSON.writeValueAsString(root), request);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new MalformedBodyException(
                    "the body is not an OTLP ExportTraceServiceRequest in JSON: " + e.getMessage());
        }
        return request.build();
    }

    private static Iterable<JsonNode> array(JsonNode parent, String name, String originalName) {
        JsonNode node = parent.has(name) ? parent.get(name) : parent.get(originalName);
        return node != null && node.isArray() ? node : List.of();
    }

    /**
     * Hex IDs become base64 for the protobuf parser. A value that is not hex becomes empty, so that
     * span is rejected by validation (partial success) rather than failing the whole request.
     */
    private static void hexToBase64(JsonNode node, String name, String originalName) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        String field = object.has(name) ? name : object.has(originalName) ? originalName : null;
        if (field == null || !object.get(field).isString()) {
            return;
        }
        String hex = object.get(field).asString();
        byte[] bytes;
        try {
            bytes = hex.length() % 2 == 0 ? HEX.parseHex(hex) : new byte[0];
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        object.put(field, Base64.getEncoder().encodeToString(bytes));
    }

    /** The body cannot be decoded at all: the request is answered 400. */
    static final class MalformedBodyException extends Exception {
        MalformedBodyException(String message) {
            super(message);
        }
    }
}
