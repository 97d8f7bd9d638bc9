package io.sightline;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.demo.TraceBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds OTLP traces span by span and sends them through the real ingest endpoint, so tests read
 * back exactly what an exporter would have stored. Times are milliseconds after the trace's start,
 * a minute ago.
 */
public final class OtlpFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TraceBuilder trace =
            new TraceBuilder(new Random(), System.currentTimeMillis() * 1_000_000 - 60_000_000_000L);
    private final Map<String, TraceBuilder.SpanHandle> spans = new HashMap<>();

    public String traceId() {
        return trace.traceId();
    }

    /** Adds a span of {@code service} (version 1.0.0); returns its ID. Attributes alternate keys and values. */
    public String span(
            String service,
            String parentId,
            String name,
            Span.SpanKind kind,
            long startMs,
            long durationMs,
            boolean error,
            Object... attributes) {
        TraceBuilder.SpanHandle span = trace.span(
                new TraceBuilder.Service(service, "1.0.0", "deployment.environment.name", "test"),
                parentId == null ? null : spans.get(parentId),
                name,
                kind,
                startMs,
                durationMs,
                attributes);
        if (error) {
            span.error("");
        }
        spans.put(span.spanId(), span);
        return span.spanId();
    }

    public ExportTraceServiceRequest request() {
        return ExportTraceServiceRequest.newBuilder()
                .addAllResourceSpans(trace.build())
                .build();
    }

    /** Sends the trace to {@code /v1/traces} with {@code key}; fails unless the answer is 200. */
    public String send(int port, String key) {
        post(port, key, request());
        return trace.traceId();
    }

    /**
     * Sends the trace in requests of at most {@code spansPerRequest} spans, as an exporter sends its
     * batches, so a large trace stays under the body limit; fails unless every answer is 200.
     */
    public String send(int port, String key, int spansPerRequest) {
        for (ResourceSpans resource : trace.build()) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                List<Span> spans = scope.getSpansList();
                for (int from = 0; from < spans.size(); from += spansPerRequest) {
                    ScopeSpans part = scope.toBuilder()
                            .clearSpans()
                            .addAllSpans(spans.subList(from, Math.min(spans.size(), from + spansPerRequest)))
                            .build();
                    post(
                            port,
                            key,
                            ExportTraceServiceRequest.newBuilder()
                                    .addResourceSpans(resource.toBuilder()
                                            .clearScopeSpans()
                                            .addScopeSpans(part))
                                    .build());
                }
            }
        }
        return trace.traceId();
    }

    private static void post(int port, String key, ExportTraceServiceRequest request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/traces"))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "ingest answered " + response.statusCode() + ": " + new String(response.body()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** DESIGN.md story 1: POST /checkout took 1.2 s, 940 ms of it waiting for Stripe. */
    public static OtlpFixture slowCheckout() {
        OtlpFixture trace = new OtlpFixture();
        String root = trace.span(
                "checkout",
                null,
                "POST /checkout",
                Span.SpanKind.SPAN_KIND_SERVER,
                0,
                1200,
                false,
                "http.request.method",
                "POST",
                "http.route",
                "/checkout",
                "http.response.status_code",
                200L,
                "user.id",
                "user-1001",
                "note",
                "<script>alert(1)</script>");
        String auth = trace.span(
                "checkout", root, "auth.verify", Span.SpanKind.SPAN_KIND_CLIENT, 5, 15, false, "rpc.system", "grpc");
        trace.span("auth", auth, "auth.verify", Span.SpanKind.SPAN_KIND_SERVER, 7, 11, false);
        trace.span(
                "checkout",
                root,
                "INSERT orders",
                Span.SpanKind.SPAN_KIND_CLIENT,
                25,
                12,
                false,
                "db.system",
                "postgresql",
                "db.statement",
                "INSERT INTO orders (id, total) VALUES ($1, $2)");
        String charge =
                trace.span("checkout", root, "payments.Charge", Span.SpanKind.SPAN_KIND_INTERNAL, 40, 980, false);
        trace.span(
                "checkout",
                charge,
                "POST stripe.com/v1/charges",
                Span.SpanKind.SPAN_KIND_CLIENT,
                60,
                940,
                false,
                "http.request.method",
                "POST",
                "url.full",
                "https://api.stripe.com/v1/charges",
                "server.address",
                "api.stripe.com",
                "http.response.status_code",
                200L);
        return trace;
    }
}
