package io.sightline.traces;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.sightline.span.OtlpSpans;
import io.sightline.span.Span;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A trace as an OTLP/JSON export request (the encoding {@code POST /v1/traces} accepts: hex IDs,
 * enums as numbers, 64-bit integers as strings), so a downloaded trace can be attached to a ticket,
 * read by any OpenTelemetry tool, or sent to another Sightline. The request is {@link OtlpSpans}'s;
 * this only prints it, as protobuf's JSON mapping except that IDs are hex rather than base64.
 */
final class OtlpJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().printingEnumsAsInts().omittingInsignificantWhitespace();
    private static final HexFormat HEX = HexFormat.of();

    private OtlpJson() {}

    static JsonNode of(List<Span> spans) {
        JsonNode request;
        try {
            request = JSON.readTree(PRINTER.print(OtlpSpans.request(spans)));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an OTLP request that protobuf cannot print", e);
        }
        for (JsonNode resourceSpans : request.path("resourceSpans")) {
            for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
                for (JsonNode span : scopeSpans.path("spans")) {
                    base64ToHex(span, "traceId", "spanId", "parentSpanId");
                    for (JsonNode link : span.path("links")) {
                        base64ToHex(link, "traceId", "spanId");
                    }
                }
            }
        }
        return request;
    }

    private static void base64ToHex(JsonNode node, String... fields) {
        ObjectNode object = (ObjectNode) node;
        for (String field : fields) {
            if (object.has(field)) {
                object.put(
                        field,
                        HEX.formatHex(
                                Base64.getDecoder().decode(object.get(field).asString())));
            }
        }
    }
}
