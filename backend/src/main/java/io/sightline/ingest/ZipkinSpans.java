package io.sightline.ingest;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import zipkin2.Annotation;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Zipkin v2 spans as an OTLP export request, so Zipkin ingest shares the rest of the pipeline
 * (normalising, limits, redaction, quotas). Spans are grouped into one {@code ResourceSpans} per
 * local service name. Zipkin's well-known tags get their semantic-convention names, as the
 * OpenTelemetry Collector's Zipkin receiver does; every other tag is kept as a string attribute.
 */
final class ZipkinSpans {

    /** Zipkin's (Brave's) tag names and the semantic-convention names they become. */
    private static final Map<String, String> TAG_NAMES = Map.of(
            "http.method", "http.request.method",
            "http.path", "url.path",
            "http.url", "url.full",
            "http.status_code", "http.response.status_code",
            "http.host", "server.address",
            "http.request.size", "http.request.body.size",
            "http.response.size", "http.response.body.size");

    /** Attributes that are integers in the semantic conventions; Zipkin tags are always strings. */
    private static final Set<String> INTEGER_ATTRIBUTES = Set.of(
            "http.response.status_code",
            "http.request.body.size",
            "http.response.body.size",
            "server.port",
            "network.peer.port",
            "network.local.port");

    /** Tags that become the span's status rather than attributes: Brave's, then the OTel SDK exporter's. */
    private static final String ERROR = "error";

    private static final String OTEL_STATUS_CODE = "otel.status_code";
    private static final String OTEL_STATUS_DESCRIPTION = "otel.status_description";

    private static final HexFormat HEX = HexFormat.of();

    private ZipkinSpans() {}

    /** Decodes a Zipkin v2 list of spans, JSON or proto3, into an OTLP request. */
    static ExportTraceServiceRequest decode(byte[] body, boolean json) throws OtlpDecoder.MalformedBodyException {
        List<zipkin2.Span> spans;
        try {
            spans = (json ? SpanBytesDecoder.JSON_V2 : SpanBytesDecoder.PROTO3).decodeList(body);
        } catch (RuntimeException e) {
            throw new OtlpDecoder.MalformedBodyException("the body is not a list of Zipkin v2 spans in "
                    + (json ? "JSON" : "proto3") + ": " + e.getMessage());
        }
        return toOtlp(spans);
    }

    static ExportTraceServiceRequest toOtlp(List<zipkin2.Span> spans) {
        Map<String, ScopeSpans.Builder> byService = new LinkedHashMap<>();
        for (zipkin2.Span span : spans) {
            String service = span.localServiceName();
            byService
                    .computeIfAbsent(service == null ? "" : service, _ -> ScopeSpans.newBuilder())
                    .addSpans(span(span));
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        byService.forEach((service, scopeSpans) -> {
            Resource.Builder resource = Resource.newBuilder();
            if (!service.isEmpty()) {
                resource.addAttributes(attribute("service.name", service));
            }
            request.addResourceSpans(
                    ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scopeSpans));
        });
        return request.build();
    }

    static Span span(zipkin2.Span zipkin) {
        Span.Builder span = Span.newBuilder()
                .setTraceId(traceId(zipkin.traceId()))
                .setName(zipkin.name() == null ? "" : zipkin.name())
                .setKind(kind(zipkin.kind()));
        ByteString id = spanId(zipkin.id());
        if (Boolean.TRUE.equals(zipkin.shared()) && zipkin.kind() == zipkin2.Span.Kind.SERVER) {
            // The server half of a span shared with its client: OTLP needs its own ID, made from the
            // shared one so every copy of it gets the same; its parent is the client half.
            span.setSpanId(sharedServerId(zipkin.traceId(), zipkin.id())).setParentSpanId(id);
        } else {
            span.setSpanId(id);
            if (zipkin.parentId() != null) {
                span.setParentSpanId(spanId(zipkin.parentId()));
            }
        }
        long start = zipkin.timestampAsLong() * 1000;
        span.setStartTimeUnixNano(start).setEndTimeUnixNano(start + zipkin.durationAsLong() * 1000);
        for (Annotation annotation : zipkin.annotations()) {
            span.addEvents(Span.Event.newBuilder()
                    .setTimeUnixNano(annotation.timestamp() * 1000)
                    .setName(annotation.value()));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        endpoints(zipkin, attributes);
        Map<String, String> tags = zipkin.tags();
        tags.forEach((key, value) -> {
            if (!key.equals(ERROR) && !key.equals(OTEL_STATUS_CODE) && !key.equals(OTEL_STATUS_DESCRIPTION)) {
                attributes.put(TAG_NAMES.getOrDefault(key, key), value);
            }
        });
        attributes.forEach((key, value) -> span.addAttributes(attribute(key, value)));
        span.setStatus(status(tags));
        return span.build();
    }

    /** The local endpoint's address, and the remote endpoint as the peer (and, called, as the server). */
    private static void endpoints(zipkin2.Span zipkin, Map<String, String> attributes) {
        Endpoint local = zipkin.localEndpoint();
        if (local != null) {
            put(attributes, "network.local.address", address(local));
            put(attributes, "network.local.port", port(local));
        }
        Endpoint remote = zipkin.remoteEndpoint();
        if (remote == null) {
            return;
        }
        put(attributes, "peer.service", remote.serviceName());
        put(attributes, "network.peer.address", address(remote));
        put(attributes, "network.peer.port", port(remote));
        if (zipkin.kind() == zipkin2.Span.Kind.CLIENT || zipkin.kind() == zipkin2.Span.Kind.PRODUCER) {
            put(attributes, "server.address", address(remote));
            put(attributes, "server.port", port(remote));
        }
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    private static String address(Endpoint endpoint) {
        return endpoint.ipv4() != null ? endpoint.ipv4() : endpoint.ipv6();
    }

    private static String port(Endpoint endpoint) {
        return endpoint.portAsInt() == 0 ? null : Integer.toString(endpoint.portAsInt());
    }

    /**
     * ERROR when Brave's {@code error} tag is present (its value, the exception's message, is the
     * status message unless it is just "true"), or when the OTel SDK's {@code otel.status_code} says so.
     */
    private static Status status(Map<String, String> tags) {
        String error = tags.get(ERROR);
        if (error != null) {
            Status.Builder status = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR);
            if (!error.isBlank() && !error.equalsIgnoreCase("true")) {
                status.setMessage(error);
            }
            return status.build();
        }
        String code = tags.get(OTEL_STATUS_CODE);
        if (code == null) {
            return Status.getDefaultInstance();
        }
        Status.Builder status = Status.newBuilder()
                .setCode(
                        switch (code) {
                            case "ERROR" -> Status.StatusCode.STATUS_CODE_ERROR;
                            case "OK" -> Status.StatusCode.STATUS_CODE_OK;
                            default -> Status.StatusCode.STATUS_CODE_UNSET;
                        });
        String description = tags.get(OTEL_STATUS_DESCRIPTION);
        return description == null
                ? status.build()
                : status.setMessage(description).build();
    }

    private static Span.SpanKind kind(zipkin2.Span.Kind kind) {
        if (kind == null) {
            return Span.SpanKind.SPAN_KIND_INTERNAL;
        }
        return switch (kind) {
            case CLIENT -> Span.SpanKind.SPAN_KIND_CLIENT;
            case SERVER -> Span.SpanKind.SPAN_KIND_SERVER;
            case PRODUCER -> Span.SpanKind.SPAN_KIND_PRODUCER;
            case CONSUMER -> Span.SpanKind.SPAN_KIND_CONSUMER;
        };
    }

    /** Zipkin's 64-bit trace IDs are the low half of a 128-bit one; the decoder has checked the hex. */
    static ByteString traceId(String hex) {
        return ByteString.copyFrom(HEX.parseHex("0".repeat(32 - hex.length()) + hex));
    }

    private static ByteString spanId(String hex) {
        return ByteString.copyFrom(HEX.parseHex("0".repeat(16 - hex.length()) + hex));
    }

    /** The first 8 bytes of SHA-256 over the trace and shared span IDs; never all zero. */
    static ByteString sharedServerId(String traceId, String spanId) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("zipkin-shared-server:".getBytes(StandardCharsets.US_ASCII));
            sha256.update(traceId(traceId).toByteArray());
            byte[] digest = sha256.digest(spanId(spanId).toByteArray());
            long id = ByteBuffer.wrap(digest).getLong();
            return ByteString.copyFrom(
                    ByteBuffer.allocate(8).putLong(id == 0 ? 1 : id).array());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyValue attribute(String key, String value) {
        AnyValue.Builder any = AnyValue.newBuilder();
        Long integer = INTEGER_ATTRIBUTES.contains(key) ? parseLong(value) : null;
        if (integer != null) {
            any.setIntValue(integer);
        } else {
            any.setStringValue(value);
        }
        return KeyValue.newBuilder().setKey(key).setValue(any).build();
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
