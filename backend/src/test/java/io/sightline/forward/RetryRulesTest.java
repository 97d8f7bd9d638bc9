package io.sightline.forward;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryRulesTest {

    private static final byte[] NO_BODY = new byte[0];

    @Test
    void httpRetriesOnlyOverloadAndGatewayErrorsHonouringRetryAfter() {
        for (int status : new int[] {429, 502, 503, 504}) {
            assertThat(HttpSender.classify(status, Optional.of("7"), NO_BODY))
                    .as("HTTP " + status)
                    .isEqualTo(new ExportResult.Retry(Duration.ofSeconds(7), "HTTP " + status + " "));
        }
        assertThat(HttpSender.classify(503, Optional.empty(), NO_BODY))
                .isEqualTo(new ExportResult.Retry(null, "HTTP 503 "));
        for (int status : new int[] {400, 401, 403, 404, 413, 415, 500}) {
            assertThat(HttpSender.classify(status, Optional.of("7"), "no".getBytes()))
                    .as("HTTP " + status)
                    .isEqualTo(new ExportResult.Failed("HTTP " + status + " (no)"));
        }
    }

    @Test
    void httpSuccessCountsPartialSuccessRejections() {
        byte[] partial = ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(2)
                        .setErrorMessage("too old"))
                .build()
                .toByteArray();

        assertThat(HttpSender.classify(200, Optional.empty(), partial)).isEqualTo(new ExportResult.Sent(2, "too old"));
        assertThat(HttpSender.classify(202, Optional.empty(), NO_BODY)).isEqualTo(new ExportResult.Sent(0, ""));
        assertThat(HttpSender.classify(200, Optional.empty(), "{}".getBytes()))
                .as("JSON an HTTP receiver may answer: taken, nothing more known")
                .isEqualTo(new ExportResult.Sent(0, ""));
    }

    @Test
    void grpcRetriesTransientCodesAndResourceExhaustedOnlyWithRetryInfo() {
        for (Status.Code code : new Status.Code[] {
            Status.Code.UNAVAILABLE,
            Status.Code.DEADLINE_EXCEEDED,
            Status.Code.CANCELLED,
            Status.Code.ABORTED,
            Status.Code.OUT_OF_RANGE,
            Status.Code.DATA_LOSS
        }) {
            assertThat(GrpcSender.classify(code.toStatus().asRuntimeException()))
                    .as(code.name())
                    .isInstanceOf(ExportResult.Retry.class);
        }
        assertThat(GrpcSender.classify(Status.RESOURCE_EXHAUSTED.asRuntimeException()))
                .as("no RetryInfo: the server cannot recover")
                .isEqualTo(new ExportResult.Failed("gRPC RESOURCE_EXHAUSTED"));
        assertThat(GrpcSender.classify(withRetryInfo(com.google.rpc.Code.RESOURCE_EXHAUSTED_VALUE, 3)))
                .isEqualTo(new ExportResult.Retry(Duration.ofSeconds(3), "gRPC RESOURCE_EXHAUSTED full"));
        assertThat(GrpcSender.classify(withRetryInfo(com.google.rpc.Code.UNAVAILABLE_VALUE, 2)))
                .isEqualTo(new ExportResult.Retry(Duration.ofSeconds(2), "gRPC UNAVAILABLE full"));
        for (Status.Code code : new Status.Code[] {
            Status.Code.INVALID_ARGUMENT,
            Status.Code.UNAUTHENTICATED,
            Status.Code.PERMISSION_DENIED,
            Status.Code.UNIMPLEMENTED,
            Status.Code.INTERNAL
        }) {
            assertThat(GrpcSender.classify(
                            code.toStatus().withDescription("why").asRuntimeException()))
                    .as(code.name())
                    .isEqualTo(new ExportResult.Failed("gRPC " + code + " why"));
        }
    }

    private static StatusRuntimeException withRetryInfo(int code, long seconds) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code)
                .setMessage("full")
                .addDetails(Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(seconds))
                        .build()))
                .build());
    }
}
