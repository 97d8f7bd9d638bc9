package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the API and the page get for story 1. */
class TraceViewTest {

    final TraceView view = TraceService.view(Spans.TRACE, Spans.slowCheckout());

    @Test
    void headline() {
        assertThat(view.startTime()).isEqualTo(Instant.EPOCH);
        assertThat(view.startTimeEpochMs()).isZero();
        assertThat(view.durationMs()).isEqualTo(1200.0);
        assertThat(view.spanCount()).isEqualTo(6);
        assertThat(view.services()).containsExactly("auth", "checkout");
        assertThat(view.errorCount()).isZero();
        assertThat(view.firstError()).isNull();
    }

    @Test
    void spansInWaterfallOrderWithDepthSelfTimeAndCriticalPath() {
        assertThat(view.spans())
                .extracting(TraceView.SpanView::name)
                .containsExactly(
                        "POST /checkout",
                        "auth.verify",
                        "auth.verify",
                        "INSERT orders",
                        "payments.Charge",
                        "POST stripe.com/v1/charges");
        assertThat(view.spans()).extracting(TraceView.SpanView::depth).containsExactly(0, 1, 2, 1, 1, 2);
        assertThat(view.spans())
                .extracting(TraceView.SpanView::startOffsetMs)
                .containsExactly(0.0, 5.0, 7.0, 25.0, 40.0, 60.0);
        assertThat(view.spans())
                .extracting(TraceView.SpanView::selfTimeMs)
                .containsExactly(193.0, 4.0, 11.0, 12.0, 40.0, 940.0);
        assertThat(view.spans()).allMatch(TraceView.SpanView::onCriticalPath);
        assertThat(view.criticalPath())
                .extracting(TraceView.PathStep::name)
                .containsExactly(
                        "POST /checkout",
                        "payments.Charge",
                        "POST stripe.com/v1/charges",
                        "INSERT orders",
                        "auth.verify",
                        "auth.verify");
        assertThat(view.criticalPath().stream()
                        .mapToDouble(TraceView.PathStep::contributedMs)
                        .sum())
                .isEqualTo(1200.0);
        assertThat(view.diagnosis().summary()).contains("940 ms of 1.20 s (78 %)");
    }
}
