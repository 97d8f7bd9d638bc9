package io.sightline.traces;

import static io.sightline.traces.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.span.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatedCallsTest {

    private static final String PRICES = "SELECT * FROM product_prices WHERE product_id = $1";

    @Test
    void fortySevenSequentialSelectsUnderOneRequestAreOneFinding() {
        List<Span> spans = new ArrayList<>();
        spans.add(span("e000000000000001", "", "catalog", "GET /products", Span.SpanKind.SERVER, 0, 900, Map.of()));
        spans.add(span(
                "e000000000000002",
                "e000000000000001",
                "catalog",
                "SELECT products",
                Span.SpanKind.CLIENT,
                1,
                3,
                Map.of("db.query.text", "SELECT id FROM products")));
        for (int i = 0; i < 47; i++) {
            spans.add(span(
                    String.format("f%015x", i),
                    "e000000000000001",
                    "catalog",
                    "SELECT product_prices",
                    Span.SpanKind.CLIENT,
                    5 + i * 18,
                    18,
                    Map.of("db.query.text", PRICES)));
        }

        List<RepeatedCalls> found = RepeatedCalls.of(new TraceTree(spans));

        assertThat(found).singleElement().satisfies(repeat -> {
            assertThat(repeat.count()).isEqualTo(47);
            assertThat(repeat.statement()).isEqualTo(PRICES);
            assertThat(repeat.totalMs()).isEqualTo(846.0);
            assertThat(repeat.sequential()).isTrue();
            assertThat(repeat.summary())
                    .isEqualTo("47 sequential calls of " + PRICES + " (846 ms in all) under one parent — likely N+1");
        });
    }

    @Test
    void twoCallsOrParallelFanOutAreNotSequentialRepeats() {
        List<Span> spans = new ArrayList<>();
        spans.add(span("e000000000000001", "", "api", "GET /feed", Span.SpanKind.SERVER, 0, 100, Map.of()));
        spans.add(span("e000000000000002", "e000000000000001", "api", "GET", Span.SpanKind.CLIENT, 1, 10, Map.of()));
        spans.add(span("e000000000000003", "e000000000000001", "api", "GET", Span.SpanKind.CLIENT, 1, 10, Map.of()));
        assertThat(RepeatedCalls.of(new TraceTree(spans))).isEmpty();

        spans.add(span("e000000000000004", "e000000000000001", "api", "GET", Span.SpanKind.CLIENT, 2, 10, Map.of()));
        assertThat(RepeatedCalls.of(new TraceTree(spans)))
                .singleElement()
                .satisfies(repeat -> assertThat(repeat.sequential()).isFalse());
    }

    @Test
    void theStatementIsTheQueryTextUnderEitherConventionsNameElseTheSpanName() {
        Span current = span(
                "e000000000000002", "", "api", "SELECT", Span.SpanKind.CLIENT, 0, 1, Map.of("db.query.text", PRICES));
        Span old = span(
                "e000000000000003", "", "api", "SELECT", Span.SpanKind.CLIENT, 0, 1, Map.of("db.statement", PRICES));
        Span bare = span("e000000000000004", "", "api", "GET", Span.SpanKind.CLIENT, 0, 1, Map.of("db.statement", " "));

        assertThat(RepeatedCalls.statement(current)).isEqualTo(PRICES);
        assertThat(RepeatedCalls.statement(old)).isEqualTo(PRICES);
        assertThat(RepeatedCalls.statement(bare)).isEqualTo("GET");
    }

    @Test
    void boundValuesAreWrittenIntoTheStatement() {
        assertThat(BoundSql.of(Map.of(
                        "db.query.text",
                        "SELECT * FROM carts WHERE user_id = $1 AND region = $2",
                        "db.query.parameter.0",
                        "user-4711",
                        "db.query.parameter.1",
                        "o'hare")))
                .isEqualTo("SELECT * FROM carts WHERE user_id = 'user-4711' AND region = 'o''hare'");
        assertThat(BoundSql.of(Map.of(
                        "db.query.text", "SELECT ? + ?", "db.query.parameter.0", "1", "db.query.parameter.1", "2")))
                .isEqualTo("SELECT 1 + 2");
        assertThat(BoundSql.of(Map.of("db.query.text", "SELECT 1"))).isEqualTo("SELECT 1");
        assertThat(BoundSql.of(Map.of("http.route", "/x"))).isNull();
    }
}
