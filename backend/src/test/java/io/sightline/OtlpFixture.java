package io.sightline;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds OTLP traces span by span and sends them through the real ingest endpoint, so tests read
 * back exactly what an exporter would have stored. Times are milliseconds after the trace's start.
 */
public final class OtlpFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String traceId = randomHex(16);
    private final long startNanos = System.currentTimeMillis() * 1_000_000 - 60_000_000_000L;
    private final Map<String, List<Span>> spansByService = new LinkedHashMap<>();

    public String traceId() {
        return traceId;
    }

    /** Adds a span; returns its ID. {@code attributes} alternate keys and values; numbers stay typed. */
    public String span(String service, String parentId, String name, Span.SpanKind kind, long startMs, long durationMs,
            boolean error, Object... attributes) {
        String spanId = randomHex(8);
        Span.Builder span = Span.newBuilder()
                .setTraceId(ByteString.fromHex(traceId))
                .setSpanId(ByteString.fromHex(spanId))
                .setName(name)
                .setKind(kind)
                .setStartTimeUnixNano(startNanos + startMs * 1_000_000)
                .setEndTimeUnixNano(startNanos + (startMs + durationMs) * 1_000_000)
                .setStatus(Status.newBuilder().setCode(error ? Status.StatusCode.STATUS_CODE_ERROR : Status.StatusCode.STATUS_CODE_UNSET));
        if (parentId != null) {
            span.setParentSpanId(ByteString.fromHex(parentId));
        }
        for (int i = 0; i < attributes.length; i += 2) {
            span.addAttributes(attribute((String) attributes[i], attributes[i + 1]));
        }
        spansByService.computeIfAbsent(service, s -> new ArrayList<>()).add(span.build());
        return spanId;
    }

    public ExportTraceServiceRequest request() {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        spansByService.forEach((service, spans) -> request.addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", service))
                        .addAttributes(attribute("service.version", "1.0.0")))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))));
        return request.build();
    }

    /** Sends the trace to {@code /v1/traces} with {@code key}; fails unless the answer is 200. */
    public String send(int port, String key) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/traces"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request().toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + new String(response.body()));
            }
            return traceId;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** DESIGN.md story 1: POST /checkout took 1.2 s, 940 ms of it waiting for Stripe. */
    public static OtlpFixture slowCheckout() {
        OtlpFixture trace = new OtlpFixture();
        String root = trace.span("checkout", null, "POST /checkout", Span.SpanKind.SPAN_KIND_SERVER, 0, 1200, false,
                "http.request.method", "POST", "http.route", "/checkout", "http.response.status_code", 200L,
                "user.id", "user-1001", "note", "<script>alert(1)</script>");
        String auth = trace.span("checkout", root, "auth.verify", Span.SpanKind.SPAN_KIND_CLIENT, 5, 15, false, "rpc.system", "grpc");
        trace.span("auth", auth, "auth.verify", Span.SpanKind.SPAN_KIND_SERVER, 7, 11, false);
        trace.span("checkout", root, "INSERT orders", Span.SpanKind.SPAN_KIND_CLIENT, 25, 12, false,
                "db.system", "postgresql", "db.statement", "INSERT INTO orders (id, total) VALUES ($1, $2)");
        String charge = trace.span("checkout", root, "payments.Charge", Span.SpanKind.SPAN_KIND_INTERNAL, 40, 980, false);
        trace.span("checkout", charge, "POST stripe.com/v1/charges", Span.SpanKind.SPAN_KIND_CLIENT, 60, 940, false,
                "http.request.method", "POST", "url.full", "https://api.stripe.com/v1/charges", "server.address", "api.stripe.com",
                "http.response.status_code", 200L);
        return trace;
    }

    private static KeyValue attribute(String key, Object value) {
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

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
