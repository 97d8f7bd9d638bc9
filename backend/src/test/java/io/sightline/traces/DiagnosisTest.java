package io.sightline.traces;

import static io.sightline.traces.Spans.failed;
import static io.sightline.traces.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sightline.span.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosisTest {

    private static final String PRICES = "SELECT * FROM product_prices WHERE product_id = $1";

    @Test
    void storyOneBlamesStripeAsAnExternalDependency() {
        Diagnosis diagnosis = diagnose(Spans.slowCheckout());

        assertThat(diagnosis.summary())
                .isEqualTo("the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); "
                        + "the bottleneck is an external dependency");
        assertThat(diagnosis.durationMs()).isEqualTo(1200.0);
        assertThat(diagnosis.failure()).isNull();
        PathGroup stripe = diagnosis.groups().getFirst();
        assertThat(stripe.kind()).isEqualTo(PathGroup.Kind.EXTERNAL_HOST);
        assertThat(stripe.label()).isEqualTo("api.stripe.com");
        assertThat(stripe.criticalPathMs()).isEqualTo(940.0);
        assertThat(stripe.sharePercent()).isEqualTo(78.3);
        assertThat(stripe.exampleSpanIds()).containsExactly("a000000000000006");
        assertThat(diagnosis.groups())
                .extracting(PathGroup::kind, PathGroup::label, PathGroup::criticalPathMs)
                .containsExactly(
                        tuple(PathGroup.Kind.EXTERNAL_HOST, "api.stripe.com", 940.0),
                        tuple(PathGroup.Kind.OWN_CODE, "checkout", 233.0),
                        tuple(PathGroup.Kind.DATABASE, "postgresql", 12.0),
                        tuple(PathGroup.Kind.OWN_CODE, "auth", 11.0),
                        tuple(PathGroup.Kind.EXTERNAL_HOST, "auth.verify", 4.0));
        assertThat(diagnosis.groups().stream()
                        .mapToDouble(PathGroup::criticalPathMs)
                        .sum())
                .isEqualTo(1200.0);
    }

    @Test
    void fortySevenSequentialSelectsAreOneGroupThatLeadsAsNPlusOne() {
        List<Span> spans = new ArrayList<>();
        spans.add(span("e000000000000001", "", "catalog", "GET /products", Span.SpanKind.SERVER, 0, 900, Map.of()));
        for (int i = 0; i < 47; i++) {
            spans.add(span(
                    String.format("f%015x", i),
                    "e000000000000001",
                    "catalog",
                    "SELECT product_prices",
                    Span.SpanKind.CLIENT,
                    5 + i * 18,
                    18,
                    Map.of("db.system.name", "postgresql", "db.query.text", PRICES)));
        }

        Diagnosis diagnosis = diagnose(spans);

        assertThat(diagnosis.summary())
                .isEqualTo("47 sequential calls of " + PRICES
                        + " account for 846 ms of 900 ms (94 %) — likely N+1 in catalog");
        PathGroup repeated = diagnosis.groups().getFirst();
        assertThat(repeated.kind()).isEqualTo(PathGroup.Kind.REPEATED_STATEMENT);
        assertThat(repeated.label()).isEqualTo(PRICES);
        assertThat(repeated.spanCount()).isEqualTo(47);
        assertThat(repeated.sequential()).isTrue();
        assertThat(repeated.sharePercent()).isEqualTo(94.0);
        assertThat(repeated.exampleSpanIds()).hasSize(PathGroup.EXAMPLES).startsWith("f000000000000000");
        assertThat(diagnosis.groups().get(1).summary())
                .isEqualTo("GET /products in catalog accounts for 54.0 ms of 900 ms (6 %); "
                        + "the bottleneck is the service's own code");
    }

    @Test
    void twoCallsOfOneStatementAreNotARepeatButTheirDatabase() {
        Diagnosis diagnosis = diagnose(List.of(
                span("e000000000000001", "", "catalog", "GET /products", Span.SpanKind.SERVER, 0, 100, Map.of()),
                select("e000000000000002", 10, 40),
                select("e000000000000003", 50, 40)));

        assertThat(diagnosis.groups().getFirst().kind()).isEqualTo(PathGroup.Kind.DATABASE);
        assertThat(diagnosis.summary())
                .isEqualTo("2 calls to the database postgresql catalog at db-1 account for 80.0 ms of 100 ms (80 %); "
                        + "the bottleneck is the database");
    }

    @Test
    void aSlowQueryIsTheDatabase() {
        Diagnosis diagnosis = diagnose(List.of(
                span("a000000000000001", "", "orders", "GET /orders", Span.SpanKind.SERVER, 0, 100, Map.of()),
                span(
                        "a000000000000002",
                        "a000000000000001",
                        "orders",
                        "SELECT orders",
                        Span.SpanKind.CLIENT,
                        10,
                        85,
                        Map.of("db.system", "mysql", "server.address", "db-1"))));

        assertThat(diagnosis.groups().getFirst().label()).isEqualTo("mysql at db-1");
        assertThat(diagnosis.summary())
                .isEqualTo(
                        "the database call SELECT orders accounts for 85.0 ms of 100 ms (85 %); the bottleneck is the database");
    }

    @Test
    void workWithoutCallsIsTheServicesOwnCodeNamingItsLargestSpan() {
        Diagnosis diagnosis = diagnose(List.of(
                span("b000000000000001", "", "GET /feed", 0, 100),
                span("b000000000000002", "b000000000000001", "render feed", 10, 80)));

        assertThat(diagnosis.groups()).singleElement().satisfies(group -> {
            assertThat(group.kind()).isEqualTo(PathGroup.Kind.OWN_CODE);
            assertThat(group.spanCount()).isEqualTo(2);
        });
        assertThat(diagnosis.summary())
                .isEqualTo("the own code of api, mostly render feed, accounts for 100 ms of 100 ms (100 %); "
                        + "the bottleneck is the service's own code");
    }

    @Test
    void aClientSpanWithoutRemoteAttributesIsOwnCode() {
        Diagnosis diagnosis = diagnose(List.of(
                span("a000000000000001", "", "api", "GET /x", Span.SpanKind.SERVER, 0, 10, Map.of()),
                span(
                        "a000000000000002",
                        "a000000000000001",
                        "api",
                        "cache.get",
                        Span.SpanKind.CLIENT,
                        0,
                        5,
                        Map.of())));

        assertThat(diagnosis.groups()).extracting(PathGroup::kind).containsExactly(PathGroup.Kind.OWN_CODE);
    }

    @Test
    void aClientSpanNamedOnlyByItsMethodIsDescribedByItsUrl() {
        Diagnosis diagnosis = diagnose(List.of(
                span("a000000000000001", "", "checkout", "POST /checkout", Span.SpanKind.SERVER, 0, 100, Map.of()),
                span(
                        "a000000000000002",
                        "a000000000000001",
                        "checkout",
                        "POST",
                        Span.SpanKind.CLIENT,
                        5,
                        90,
                        Map.of("http.request.method", "POST", "url.full", "https://api.stripe.com/v1/charges?x=1"))));

        assertThat(diagnosis.groups().getFirst().label()).isEqualTo("api.stripe.com");
        assertThat(diagnosis.summary())
                .startsWith("the external call POST api.stripe.com/v1/charges accounts for 90.0 ms");
    }

    @Test
    void aClientSpanWithTheOlderHttpNamesIsDescribedByItsUrlToo() {
        Diagnosis diagnosis = diagnose(List.of(
                span("a000000000000001", "", "checkout", "POST /checkout", Span.SpanKind.SERVER, 0, 100, Map.of()),
                span(
                        "a000000000000002",
                        "a000000000000001",
                        "checkout",
                        "POST",
                        Span.SpanKind.CLIENT,
                        5,
                        90,
                        Map.of("http.method", "POST", "http.url", "https://api.stripe.com/v1/charges"))));

        assertThat(diagnosis.groups().getFirst().label()).isEqualTo("api.stripe.com");
        assertThat(diagnosis.summary())
                .startsWith("the external call POST api.stripe.com/v1/charges accounts for 90.0 ms");
    }

    @Test
    void theRootItselfCanDominate() {
        Diagnosis diagnosis = diagnose(List.of(span("c000000000000001", "", "GET /slow", 0, 50)));

        assertThat(diagnosis.summary())
                .isEqualTo(
                        "GET /slow in api accounts for 50.0 ms of 50.0 ms (100 %); the bottleneck is the service's own code");
        assertThat(diagnosis.groups().getFirst().sharePercent()).isEqualTo(100.0);
    }

    @Test
    void aMessageWaitingForItsConsumerIsQueueWaitOnAPathThatRunsToTheConsumersEnd() {
        Diagnosis diagnosis = diagnose(List.of(
                span("d000000000000001", "", "orders", "POST /orders", Span.SpanKind.SERVER, 0, 60, Map.of()),
                span(
                        "d000000000000002",
                        "d000000000000001",
                        "orders",
                        "orders.created publish",
                        Span.SpanKind.PRODUCER,
                        40,
                        8,
                        Map.of("messaging.system", "gcp_pubsub", "messaging.destination.name", "orders.created")),
                span(
                        "d000000000000003",
                        "d000000000000002",
                        "notify",
                        "orders.created process",
                        Span.SpanKind.CONSUMER,
                        120,
                        35,
                        Map.of("messaging.system", "gcp_pubsub"))));

        assertThat(diagnosis.durationMs()).isEqualTo(155.0);
        assertThat(diagnosis.summary())
                .isEqualTo("waiting in the queue orders.created accounts for 72.0 ms of 155 ms (46 %); "
                        + "the bottleneck is the message queue");
        assertThat(diagnosis.groups())
                .extracting(PathGroup::kind, PathGroup::criticalPathMs)
                .containsExactly(
                        tuple(PathGroup.Kind.QUEUE_WAIT, 72.0),
                        tuple(PathGroup.Kind.OWN_CODE, 40.0),
                        tuple(PathGroup.Kind.OWN_CODE, 35.0),
                        tuple(PathGroup.Kind.EXTERNAL_HOST, 8.0));
    }

    @Test
    void aFailedRequestLeadsWithItsExceptionAndTheQueryRightBeforeIt() {
        Diagnosis diagnosis = diagnose(failingCheckout("0"));

        assertThat(diagnosis.summary())
                .isEqualTo("POST /cart/checkout in cart failed with HTTP 500 because CheckoutHandler.handle threw "
                        + "EmptyCartException (\"cart of user-4711 is empty\") right after "
                        + "SELECT sku FROM cart_items WHERE user_id = $1 returned 0 rows");
        RequestFailure failure = diagnosis.failure();
        assertThat(failure.spanId()).isEqualTo("c000000000000001");
        assertThat(failure.httpStatus()).isEqualTo(500);
        assertThat(failure.cause().spanId()).isEqualTo("c000000000000003");
        assertThat(failure.cause().type()).isEqualTo("com.example.cart.EmptyCartException");
        assertThat(failure.evidence())
                .isEqualTo(new RequestFailure.Evidence(
                        "c000000000000002", "SELECT cart_items", "SELECT sku FROM cart_items WHERE user_id = $1", 0L));
        assertThat(diagnosis.groups()).isNotEmpty();
    }

    @Test
    void aRowCountThatIsNotANumberIsLeftOut() {
        Diagnosis diagnosis = diagnose(failingCheckout("none"));

        assertThat(diagnosis.failure().evidence().returnedRows()).isNull();
        assertThat(diagnosis.summary()).endsWith("right after SELECT sku FROM cart_items WHERE user_id = $1");
    }

    @Test
    void aServerErrorWithoutAnyFailedSpanStillLeads() {
        Diagnosis diagnosis = diagnose(List.of(span(
                        "c000000000000001",
                        "",
                        "api",
                        "GET /x",
                        Span.SpanKind.SERVER,
                        0,
                        10,
                        Map.of("http.response.status_code", "503"))
                .toBuilder()
                .httpStatus(503)
                .build()));

        assertThat(diagnosis.summary()).isEqualTo("GET /x in api failed with HTTP 503");
        assertThat(diagnosis.failure().cause()).isNull();
    }

    @Test
    void aTraceWithoutDurationHasNoDiagnosis() {
        assertThat(diagnose(List.of(span("c000000000000001", "", "instant", 0, 0))))
                .isNull();
    }

    private static List<Span> failingCheckout(String returnedRows) {
        Span root = span("c000000000000001", "", "cart", "POST /cart/checkout", Span.SpanKind.SERVER, 0, 30, Map.of())
                .toBuilder()
                .httpStatus(500)
                .build();
        Span query = span(
                "c000000000000002",
                "c000000000000001",
                "cart",
                "SELECT cart_items",
                Span.SpanKind.CLIENT,
                3,
                6,
                Map.of(
                        "db.system.name", "postgresql",
                        "db.query.text", "SELECT sku FROM cart_items WHERE user_id = $1",
                        "db.response.returned_rows", returnedRows));
        Span handler = failed(
                span(
                        "c000000000000003",
                        "c000000000000001",
                        "cart",
                        "CheckoutHandler.handle",
                        Span.SpanKind.INTERNAL,
                        10,
                        15,
                        Map.of()),
                "cart is empty",
                List.of(new Span.Event(
                        25_000_000,
                        "exception",
                        Map.of(
                                "exception.type", "com.example.cart.EmptyCartException",
                                "exception.message", "cart of user-4711 is empty"))));
        return List.of(failed(root, "Internal Server Error", List.of()), query, handler);
    }

    private static Span select(String id, long startMs, long durationMs) {
        return span(
                id,
                "e000000000000001",
                "catalog",
                "SELECT product_prices",
                Span.SpanKind.CLIENT,
                startMs,
                durationMs,
                Map.of(
                        "db.system.name",
                        "postgresql",
                        "db.namespace",
                        "catalog",
                        "server.address",
                        "db-1",
                        "db.query.text",
                        PRICES));
    }

    private static Diagnosis diagnose(List<Span> spans) {
        TraceTree tree = new TraceTree(spans);
        return Diagnosis.of(tree, CriticalPath.of(tree), RepeatedCalls.of(tree));
    }
}
