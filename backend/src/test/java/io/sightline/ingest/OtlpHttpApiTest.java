package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.ingest.IngestOutcome.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How the pipeline's outcomes become OTLP/HTTP answers. */
class OtlpHttpApiTest {

    @Test
    void acceptedIs200WithPartialSuccessOnlyWhenSpansWereRejected() throws Exception {
        ResponseEntity<byte[]> all = OtlpHttpApi.answer(new IngestOutcome.Accepted(3, 0, null, null), false);
        ResponseEntity<byte[]> some =
                OtlpHttpApi.answer(new IngestOutcome.Accepted(3, 2, "span without a name", null), false);
        ResponseEntity<byte[]> json =
                OtlpHttpApi.answer(new IngestOutcome.Accepted(3, 2, "span without a name", null), true);

        assertThat(all.getStatusCode().value()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(all.getBody()).hasPartialSuccess())
                .isFalse();
        assertThat(some.getHeaders().getContentType()).isEqualTo(OtlpHttpApi.PROTOBUF);
        assertThat(ExportTraceServiceResponse.parseFrom(some.getBody())
                        .getPartialSuccess()
                        .getRejectedSpans())
                .isEqualTo(2);
        assertThat(json.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(new String(json.getBody(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"2 span(s) rejected; first: span without a name\"}}");
    }

    @Test
    void overloadIs429AndEveryOtherRetryableRefusal503BothWithRetryAfter() {
        ResponseEntity<byte[]> full = OtlpHttpApi.answer(new IngestOutcome.Refused(Refusal.OVERLOADED, "full"), true);
        ResponseEntity<byte[]> quota = OtlpHttpApi.answer(
                new IngestOutcome.Refused(Refusal.QUOTA_EXCEEDED, "over quota", Duration.ofSeconds(7)), false);

        assertThat(full.getStatusCode().value()).isEqualTo(429);
        assertThat(full.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(new String(full.getBody(), StandardCharsets.UTF_8))
                .contains("\"code\":8")
                .contains("\"message\":\"full\"");
        assertThat(quota.getStatusCode().value()).isEqualTo(429);
        assertThat(quota.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
        for (Refusal refusal : new Refusal[] {
            Refusal.STORAGE_UNAVAILABLE,
            Refusal.STORAGE_FAILED,
            Refusal.COMMIT_TIMEOUT,
            Refusal.OUTCOME_UNKNOWN,
            Refusal.SHUTTING_DOWN
        }) {
            ResponseEntity<byte[]> answer = OtlpHttpApi.answer(new IngestOutcome.Refused(refusal, "down"), true);
            assertThat(answer.getStatusCode().value()).as(refusal.name()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                    .as(refusal.name())
                    .isEqualTo("5");
            assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("\"code\":14");
        }
    }

    @Test
    void aFullDiskIs503NotTheUnretried507AndSaysWhenToRetry() {
        ResponseEntity<byte[]> answer =
                OtlpHttpApi.answer(new IngestOutcome.Refused(Refusal.STORAGE_FULL, "out of disk space"), true);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8))
                .contains("\"code\":14")
                .contains("\"message\":\"out of disk space\"");
    }

    @Test
    void dataTheEngineRefusesIs400WithoutRetryAfter() {
        ResponseEntity<byte[]> answer = OtlpHttpApi.answer(
                new IngestOutcome.Refused(Refusal.INVALID_DATA, "span storage refused this request's spans"), true);

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8))
                .contains("\"code\":3")
                .contains("\"message\":\"span storage refused this request's spans\"");
    }

    @Test
    void whatTheLimitsCutIsReportedInPartialSuccessEvenWhenNoSpanWasRejected() throws Exception {
        ResponseEntity<byte[]> answer = OtlpHttpApi.answer(
                new IngestOutcome.Accepted(3, 0, null, "limits applied: 2 event(s) dropped beyond 128 per span"),
                false);

        var partialSuccess =
                ExportTraceServiceResponse.parseFrom(answer.getBody()).getPartialSuccess();
        assertThat(partialSuccess.getRejectedSpans()).isZero();
        assertThat(partialSuccess.getErrorMessage())
                .isEqualTo("limits applied: 2 event(s) dropped beyond 128 per span");
    }

    @Test
    void refusalsAnswerInTheRequestsEncoding() {
        ResponseEntity<byte[]> protobuf =
                OtlpHttpApi.answer(new IngestOutcome.Refused(Refusal.STORAGE_FAILED, "down"), false);

        assertThat(protobuf.getHeaders().getContentType()).isEqualTo(OtlpHttpApi.PROTOBUF);
        // google.rpc.Status: field 1 (code) = 14, field 2 (message) = "down".
        assertThat(protobuf.getBody()).containsExactly(0x08, 14, 0x12, 4, 'd', 'o', 'w', 'n');
    }
}
