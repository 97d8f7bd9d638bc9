package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sightline.ingest.IngestOutcome.Refusal;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class IngestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);

    @Test
    void everyRefusalHasItsOwnLowerCaseReason() {
        Map<Refusal, String> reasons =
                Arrays.stream(Refusal.values()).collect(Collectors.toMap(r -> r, IngestMetrics::reason));
        assertThat(reasons)
                .containsEntry(Refusal.OVERLOADED, "overloaded")
                .containsEntry(Refusal.QUOTA_EXCEEDED, "quota_exceeded")
                .containsEntry(Refusal.STORAGE_UNAVAILABLE, "storage_unavailable")
                .containsEntry(Refusal.STORAGE_FULL, "storage_full")
                .containsEntry(Refusal.STORAGE_FAILED, "storage_failed")
                .containsEntry(Refusal.COMMIT_TIMEOUT, "commit_timeout")
                .containsEntry(Refusal.OUTCOME_UNKNOWN, "outcome_unknown")
                .containsEntry(Refusal.SHUTTING_DOWN, "shutting_down")
                .containsEntry(Refusal.INVALID_DATA, "invalid_data");
        assertThat(reasons.values()).doesNotHaveDuplicates();
    }

    @Test
    void bodiesRefusedBeforeDecodingAreNamedByTheirStatus() {
        assertThat(IngestMetrics.reason(HttpStatus.BAD_REQUEST)).isEqualTo("malformed");
        assertThat(IngestMetrics.reason(HttpStatus.CONTENT_TOO_LARGE)).isEqualTo("too_large");
        assertThat(IngestMetrics.reason(HttpStatus.UNSUPPORTED_MEDIA_TYPE)).isEqualTo("unsupported_media_type");
    }

    @Test
    void aPartialSuccessCountsAcceptedInvalidAndOutOfWindowSpansApart() {
        metrics.start(IngestMetrics.Transport.OTLP_HTTP)
                .answered(new IngestOutcome.Accepted(7, 3, "span without a name", null, 2));

        assertThat(spans("otlp-http", "accepted", "none")).isEqualTo(7);
        assertThat(spans("otlp-http", "rejected", "invalid")).isEqualTo(1);
        assertThat(spans("otlp-http", "rejected", "out_of_window")).isEqualTo(2);
        assertThat(requests("otlp-http", "accepted", "none")).isEqualTo(1);
    }

    @Test
    void spansOfARequestTheLimitsCutAreAcceptedAsLimited() {
        metrics.start(IngestMetrics.Transport.ZIPKIN)
                .answered(new IngestOutcome.Accepted(4, 0, null, "limits applied: 1 event(s) dropped"));

        assertThat(spans("zipkin", "accepted", "limited")).isEqualTo(4);
        assertThat(registry.find("sightline.ingest.spans")
                        .tag("outcome", "rejected")
                        .counters())
                .isEmpty();
    }

    @Test
    void aRefusalAfterDecodingRejectsEverySpanOfTheRequestWithItsReason() {
        IngestMetrics.Request request = metrics.start(IngestMetrics.Transport.OTLP_GRPC);
        request.decoded(IngestPipelineTest.request(5, false));
        request.answered(new IngestOutcome.Refused(Refusal.STORAGE_FULL, "disk full"));

        assertThat(spans("otlp-grpc", "rejected", "storage_full")).isEqualTo(5);
        assertThat(requests("otlp-grpc", "rejected", "storage_full")).isEqualTo(1);
    }

    @Test
    void aRequestRefusedBeforeItsBodyIsReadCountsNoSpans() {
        metrics.start(IngestMetrics.Transport.OTLP_HTTP).answered(IngestAdmission.OVERLOADED);
        metrics.start(IngestMetrics.Transport.OTLP_HTTP).badBody(HttpStatus.CONTENT_TOO_LARGE);

        assertThat(requests("otlp-http", "rejected", "overloaded")).isEqualTo(1);
        assertThat(requests("otlp-http", "rejected", "too_large")).isEqualTo(1);
        assertThat(registry.find("sightline.ingest.spans").counters()).isEmpty();
    }

    private double spans(String transport, String outcome, String reason) {
        return registry.get("sightline.ingest.spans")
                .tags("transport", transport, "outcome", outcome, "reason", reason)
                .counter()
                .count();
    }

    private long requests(String transport, String outcome, String reason) {
        return registry.get("sightline.ingest.requests")
                .tags("transport", transport, "outcome", outcome, "reason", reason)
                .timer()
                .count();
    }
}
