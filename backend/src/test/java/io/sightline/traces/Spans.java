package io.sightline.traces;

import io.sightline.span.Span;
import java.util.List;
import java.util.Map;

/** Hand-built spans for the trace logic's tests; times in milliseconds from zero. */
final class Spans {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private Spans() {}

    static Span span(
            String id,
            String parent,
            String service,
            String name,
            Span.SpanKind kind,
            long startMs,
            long durationMs,
            Map<String, String> attributes) {
        return Span.builder()
                .projectId(1)
                .traceId(TRACE)
                .spanId(id)
                .parentSpanId(parent)
                .startNanos(startMs * 1_000_000)
                .durationNanos(durationMs * 1_000_000)
                .service(service)
                .name(name)
                .endpoint(name)
                .kind(kind)
                .entry(kind == Span.SpanKind.SERVER)
                .httpMethod(attributes.getOrDefault("http.request.method", ""))
                .attributes(attributes)
                .resource(Map.of("service.name", service))
                .build();
    }

    /** An internal span of service "api". */
    static Span span(String id, String parent, String name, long startMs, long durationMs) {
        return span(id, parent, "api", name, Span.SpanKind.INTERNAL, startMs, durationMs, Map.of());
    }

    /** The same span, failed with {@code message} and carrying {@code events}. */
    static Span failed(Span span, String message, List<Span.Event> events) {
        return span.toBuilder()
                .status(Span.StatusCode.ERROR)
                .statusMessage(message)
                .events(events)
                .build();
    }

    /** DESIGN.md story 1: a 1.2 s checkout spending 940 ms waiting for Stripe. */
    static List<Span> slowCheckout() {
        return List.of(
                span("a000000000000001", "", "checkout", "POST /checkout", Span.SpanKind.SERVER, 0, 1200, Map.of()),
                span(
                        "a000000000000002",
                        "a000000000000001",
                        "checkout",
                        "auth.verify",
                        Span.SpanKind.CLIENT,
                        5,
                        15,
                        Map.of("rpc.system", "grpc")),
                span(
                        "a000000000000003",
                        "a000000000000002",
                        "auth",
                        "auth.verify",
                        Span.SpanKind.SERVER,
                        7,
                        11,
                        Map.of()),
                span(
                        "a000000000000004",
                        "a000000000000001",
                        "checkout",
                        "INSERT orders",
                        Span.SpanKind.CLIENT,
                        25,
                        12,
                        Map.of("db.system.name", "postgresql", "db.query.text", "INSERT INTO orders VALUES ($1, $2)")),
                span(
                        "a000000000000005",
                        "a000000000000001",
                        "checkout",
                        "payments.Charge",
                        Span.SpanKind.INTERNAL,
                        40,
                        980,
                        Map.of()),
                span(
                        "a000000000000006",
                        "a000000000000005",
                        "checkout",
                        "POST stripe.com/v1/charges",
                        Span.SpanKind.CLIENT,
                        60,
                        940,
                        Map.of(
                                "http.request.method",
                                "POST",
                                "url.full",
                                "https://api.stripe.com/v1/charges",
                                "server.address",
                                "api.stripe.com")));
    }
}
