package io.sightline.traces;

import static io.sightline.traces.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.span.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosisTest {

    @Test
    void storyOneBlamesStripeAsAnExternalDependency() {
        Diagnosis diagnosis = diagnose(Spans.slowCheckout());

        assertThat(diagnosis.spanId()).isEqualTo("a000000000000006");
        assertThat(diagnosis.category()).isEqualTo(Diagnosis.Category.EXTERNAL);
        assertThat(diagnosis.contributedMs()).isEqualTo(940.0);
        assertThat(diagnosis.traceDurationMs()).isEqualTo(1200.0);
        assertThat(diagnosis.sharePercent()).isEqualTo(78.3);
        assertThat(diagnosis.summary())
                .isEqualTo("the external call POST stripe.com/v1/charges accounts for 940 ms of 1.2 s (78 %); "
                        + "the bottleneck is an external dependency");
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
                        Map.of("db.system.name", "postgresql", "server.address", "db-1"))));

        assertThat(diagnosis.category()).isEqualTo(Diagnosis.Category.DATABASE);
        assertThat(diagnosis.summary())
                .isEqualTo(
                        "the database call SELECT orders accounts for 85 ms of 100 ms (85 %); the bottleneck is the database");
    }

    @Test
    void theOldDbSystemAttributeCountsToo() {
        Span query = span(
                "a000000000000002", "", "orders", "SELECT", Span.SpanKind.CLIENT, 0, 5, Map.of("db.system", "mysql"));

        assertThat(Diagnosis.categoryOf(query)).isEqualTo(Diagnosis.Category.DATABASE);
    }

    @Test
    void workWithoutCallsIsOwnCode() {
        Diagnosis diagnosis = diagnose(List.of(
                span("b000000000000001", "", "GET /feed", 0, 100),
                span("b000000000000002", "b000000000000001", "render feed", 10, 80)));

        assertThat(diagnosis.category()).isEqualTo(Diagnosis.Category.OWN_CODE);
        assertThat(diagnosis.summary())
                .isEqualTo(
                        "render feed in api accounts for 80 ms of 100 ms (80 %); the bottleneck is the service's own code");
    }

    @Test
    void aClientSpanWithoutRemoteAttributesIsOwnCode() {
        Span client = span("a000000000000002", "", "api", "cache.get", Span.SpanKind.CLIENT, 0, 5, Map.of());
        Span server =
                span("a000000000000003", "", "api", "GET /x", Span.SpanKind.SERVER, 0, 5, Map.of("http.route", "/x"));

        assertThat(Diagnosis.categoryOf(client)).isEqualTo(Diagnosis.Category.OWN_CODE);
        assertThat(Diagnosis.categoryOf(server)).isEqualTo(Diagnosis.Category.OWN_CODE);
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

        assertThat(diagnosis.what()).isEqualTo("POST api.stripe.com/v1/charges");
        assertThat(diagnosis.summary())
                .startsWith("the external call POST api.stripe.com/v1/charges accounts for 90 ms");
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

        assertThat(diagnosis.what()).isEqualTo("POST api.stripe.com/v1/charges");
    }

    @Test
    void theRootItselfCanDominate() {
        Diagnosis diagnosis = diagnose(List.of(span("c000000000000001", "", "GET /slow", 0, 50)));

        assertThat(diagnosis.spanId()).isEqualTo("c000000000000001");
        assertThat(diagnosis.sharePercent()).isEqualTo(100.0);
    }

    @Test
    void aTraceWithoutDurationHasNoDiagnosis() {
        assertThat(diagnose(List.of(span("c000000000000001", "", "instant", 0, 0))))
                .isNull();
    }

    private static Diagnosis diagnose(List<Span> spans) {
        TraceTree tree = new TraceTree(spans);
        return Diagnosis.of(tree, CriticalPath.of(tree));
    }
}
