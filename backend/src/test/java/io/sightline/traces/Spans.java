package io.sightline.traces;

import io.sightline.span.Span;
import java.util.List;
import java.util.Map;

/** Hand-built spans for the trace logic's tests; times in milliseconds from zero. */
final class Spans {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private Spans() {}

    static Span span(String id, String parent, String service, String name, Span.SpanKind kind, long startMs, long durationMs,
            Map<String, String> attributes) {
        return new Span(1, TRACE, id, parent, "", startMs * 1_000_000, durationMs * 1_000_000, service, name, name, kind,
                kind == Span.SpanKind.SERVER, Span.StatusCode.UNSET, "", attributes.getOrDefault("http.request.method", ""), 0,
                "", "", "", "", "", attributes, Map.of(), Map.of("service.name", service), Map.of(), List.of(), List.of());
    }

    /** An internal span of service "api". */
    static Span span(String id, String parent, String name, long startMs, long durationMs) {
        return span(id, parent, "api", name, Span.SpanKind.INTERNAL, startMs, durationMs, Map.of());
    }

    /** The same span, failed with {@code message} and carrying {@code events}. */
    static Span failed(Span span, String message, List<Span.Event> events) {
        return new Span(span.projectId(), span.traceId(), span.spanId(), span.parentSpanId(), span.traceState(), span.startNanos(),
                span.durationNanos(), span.service(), span.name(), span.endpoint(), span.kind(), span.entry(), Span.StatusCode.ERROR,
                message, span.httpMethod(), span.httpStatus(), span.userId(), span.serviceVersion(), span.environment(),
                span.scopeName(), span.scopeVersion(), span.attributes(), span.attributeTypes(), span.resource(),
                span.resourceTypes(), events, span.links());
    }

    /** DESIGN.md story 1: a 1.2 s checkout spending 940 ms waiting for Stripe. */
    static List<Span> slowCheckout() {
        return List.of(
                span("a000000000000001", "", "checkout", "POST /checkout", Span.SpanKind.SERVER, 0, 1200, Map.of()),
                span("a000000000000002", "a000000000000001", "checkout", "auth.verify", Span.SpanKind.CLIENT, 5, 15,
                        Map.of("rpc.system", "grpc")),
                span("a000000000000003", "a000000000000002", "auth", "auth.verify", Span.SpanKind.SERVER, 7, 11, Map.of()),
                span("a000000000000004", "a000000000000001", "checkout", "INSERT orders", Span.SpanKind.CLIENT, 25, 12,
                        Map.of("db.system.name", "postgresql", "db.query.text", "INSERT INTO orders VALUES ($1, $2)")),
                span("a000000000000005", "a000000000000001", "checkout", "payments.Charge", Span.SpanKind.INTERNAL, 40, 980, Map.of()),
                span("a000000000000006", "a000000000000005", "checkout", "POST stripe.com/v1/charges", Span.SpanKind.CLIENT, 60, 940,
                        Map.of("http.request.method", "POST", "url.full", "https://api.stripe.com/v1/charges",
                                "server.address", "api.stripe.com")));
    }
}
