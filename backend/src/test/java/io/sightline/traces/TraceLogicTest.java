package io.sightline.traces;

import static io.sightline.traces.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.span.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceLogicTest {

    @Test
    void storyOneNamesTheExternalCallAndItsShare() {
        TraceView view = TraceService.view(Spans.TRACE, Spans.slowCheckout());

        assertThat(view.diagnosis().name()).isEqualTo("POST stripe.com/v1/charges");
        assertThat(view.diagnosis().category()).isEqualTo(Diagnosis.Category.EXTERNAL);
        assertThat(view.diagnosis().criticalMs()).isEqualTo(940.0);
        assertThat(view.diagnosis().summary()).isEqualTo(
                "the external call POST stripe.com/v1/charges accounts for 940 ms of 1.2 s (78 %); "
                        + "the bottleneck is an external dependency");
    }

    @Test
    void criticalPathContributionsAddUpToTheRequest() {
        TraceView view = TraceService.view(Spans.TRACE, Spans.slowCheckout());

        assertThat(view.criticalPath()).extracting(TraceView.PathStep::name).containsExactly(
                "POST /checkout", "payments.Charge", "POST stripe.com/v1/charges", "INSERT orders", "auth.verify", "auth.verify");
        assertThat(view.criticalPath().stream().mapToDouble(TraceView.PathStep::ms).sum()).isEqualTo(1200.0);
        assertThat(view.spans()).filteredOn(TraceView.SpanView::onCriticalPath).hasSize(6);
    }

    @Test
    void selfTimeSubtractsTheUnionOfChildren() {
        TraceView view = TraceService.view(Spans.TRACE, Spans.slowCheckout());

        assertThat(view.spans().getFirst().selfTimeMs()).isEqualTo(1200.0 - 15 - 12 - 980);
        assertThat(view.spans()).filteredOn(s -> s.name().equals("payments.Charge"))
                .singleElement().extracting(TraceView.SpanView::selfTimeMs).isEqualTo(40.0);
    }

    @Test
    void parallelChildrenOffThePathAreNotOnIt() {
        List<Span> spans = List.of(
                span("b000000000000001", "", "api", "GET /feed", Span.SpanKind.SERVER, 0, 100, Map.of()),
                span("b000000000000002", "b000000000000001", "api", "fetch posts", Span.SpanKind.INTERNAL, 10, 80, Map.of()),
                span("b000000000000003", "b000000000000001", "api", "fetch ads", Span.SpanKind.INTERNAL, 10, 30, Map.of()));

        TraceView view = TraceService.view(Spans.TRACE, spans);

        assertThat(view.criticalPath()).extracting(TraceView.PathStep::name).containsExactly("GET /feed", "fetch posts");
        assertThat(view.spans().get(0).selfTimeMs()).isEqualTo(20.0);
        assertThat(view.diagnosis().category()).isEqualTo(Diagnosis.Category.OWN_CODE);
        assertThat(view.diagnosis().summary()).startsWith("fetch posts in api accounts for 80 ms of 100 ms (80 %)");
    }

    @Test
    void spansWhoseParentIsMissingAreShownAtTheTop() {
        List<Span> spans = List.of(
                span("c000000000000001", "", "api", "root", Span.SpanKind.SERVER, 0, 10, Map.of()),
                span("c000000000000002", "ffffffffffffffff", "worker", "orphan", Span.SpanKind.CONSUMER, 20, 5, Map.of()));

        TraceView view = TraceService.view(Spans.TRACE, spans);

        assertThat(view.spans()).extracting(TraceView.SpanView::depth).containsExactly(0, 0);
        assertThat(view.durationMs()).isEqualTo(25.0);
    }

    @Test
    void theFirstErrorComesWithItsException() {
        Span failing = span("d000000000000002", "d000000000000001", "notify", "SELECT email_templates", Span.SpanKind.CLIENT, 5, 2,
                Map.of("db.system.name", "postgresql"));
        failing = new Span(failing.projectId(), failing.traceId(), failing.spanId(), failing.parentSpanId(), "", failing.startNanos(),
                failing.durationNanos(), failing.service(), failing.name(), failing.endpoint(), failing.kind(), false,
                Span.StatusCode.ERROR, "", "", 0, "", "", "", "", "", failing.attributes(), Map.of(), Map.of(), Map.of(),
                List.of(new Span.Event(6_000_000, "exception", Map.of("exception.type", "PSQLException",
                        "exception.message", "relation \"email_templates\" does not exist", "exception.stacktrace", "at x"))),
                List.of());
        List<Span> spans = List.of(span("d000000000000001", "", "notify", "consume", Span.SpanKind.CONSUMER, 0, 10, Map.of()), failing);

        TraceView view = TraceService.view(Spans.TRACE, spans);

        assertThat(view.errorCount()).isEqualTo(1);
        assertThat(view.firstError().message()).isEqualTo("relation \"email_templates\" does not exist");
        assertThat(view.firstError().type()).isEqualTo("PSQLException");
    }

    @Test
    void traceIdsArriveInEveryCommonForm() {
        String id = "4bf92f3577b34da6a3ce929d0e0e4736";
        assertThat(TraceIds.normalise("4BF92F3577B34DA6A3CE929D0E0E4736")).hasValue(id);
        assertThat(TraceIds.normalise(" 4bf92f35-77b3-4da6-a3ce-929d0e0e4736 ")).hasValue(id);
        assertThat(TraceIds.normalise("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).hasValue(id);
        assertThat(TraceIds.normalise("a3ce929d0e0e4736")).hasValue("0000000000000000a3ce929d0e0e4736");
        assertThat(TraceIds.normalise("not a trace")).isEmpty();
        assertThat(TraceIds.normalise("00000000000000000000000000000000")).isEmpty();
    }
}
