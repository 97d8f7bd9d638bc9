package io.sightline.traces;

import static io.sightline.traces.Spans.failed;
import static io.sightline.traces.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.span.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirstErrorTest {

    @Test
    void theFailureThatHappenedFirstWithItsExceptionNotTheParentItPropagatedTo() {
        Span exception = failed(
                span(
                        "d000000000000002",
                        "d000000000000001",
                        "notify",
                        "SELECT email_templates",
                        Span.SpanKind.CLIENT,
                        5,
                        2,
                        Map.of("db.system.name", "postgresql")),
                "",
                List.of(new Span.Event(
                        6_000_000,
                        "exception",
                        Map.of(
                                "exception.type", "org.postgresql.util.PSQLException",
                                "exception.message", "ERROR: relation \"email_templates\" does not exist",
                                "exception.stacktrace", "at Notifier.send(Notifier.java:42)"))));
        Span later = failed(
                span("d000000000000001", "", "notify", "consume", Span.SpanKind.CONSUMER, 0, 10, Map.of()),
                "handler failed",
                List.of());

        FirstError error = FirstError.of(List.of(later, exception)).orElseThrow();

        assertThat(error.spanId()).isEqualTo("d000000000000002");
        assertThat(error.type()).isEqualTo("org.postgresql.util.PSQLException");
        assertThat(error.message()).isEqualTo("ERROR: relation \"email_templates\" does not exist");
        assertThat(error.stacktrace()).contains("Notifier.java:42");
        assertThat(error.atOffsetMs()).isEqualTo(6.0);
    }

    @Test
    void withoutAnExceptionTheStatusMessageExplains() {
        Span failing = failed(
                span("d000000000000001", "", "GET /cart", 0, 10),
                "cart is empty",
                List.of(new Span.Event(1_000_000, "cache.miss", Map.of())));

        FirstError error = FirstError.of(List.of(failing)).orElseThrow();

        assertThat(error.message()).isEqualTo("cart is empty");
        assertThat(error.type()).isEmpty();
    }

    @Test
    void noErrorNoFirstError() {
        assertThat(FirstError.of(Spans.slowCheckout())).isEmpty();
    }
}
