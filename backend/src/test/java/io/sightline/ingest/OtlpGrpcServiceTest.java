package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each refusal of the pipeline as OTLP/gRPC answers it. */
class OtlpGrpcServiceTest {

    @Test
    void overCapacityAndStorageRefusalsAreRetryableWithTheirWaitInRetryInfo() throws Exception {
        assertRefusal(IngestOutcome.Refusal.OVERLOADED, Status.Code.RESOURCE_EXHAUSTED, Duration.ofSeconds(1));
        assertRefusal(IngestOutcome.Refusal.QUOTA_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED, Duration.ofMillis(2500));
        assertRefusal(IngestOutcome.Refusal.STORAGE_UNAVAILABLE, Status.Code.UNAVAILABLE, Duration.ofSeconds(5));
        assertRefusal(IngestOutcome.Refusal.STORAGE_FULL, Status.Code.UNAVAILABLE, Duration.ofSeconds(30));
        assertRefusal(IngestOutcome.Refusal.COMMIT_TIMEOUT, Status.Code.UNAVAILABLE, Duration.ofSeconds(5));
        assertRefusal(IngestOutcome.Refusal.SHUTTING_DOWN, Status.Code.UNAVAILABLE, Duration.ofSeconds(5));
    }

    @Test
    void dataTheEngineRefusesIsInvalidArgumentWithoutRetryInfo() {
        StatusException status = OtlpGrpcService.status(
                new IngestOutcome.Refused(IngestOutcome.Refusal.INVALID_DATA, "the engine refused a value"));

        assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getStatus().getDescription()).isEqualTo("the engine refused a value");
        assertThat(StatusProto.fromThrowable(status).getDetailsList()).isEmpty();
    }

    private static void assertRefusal(IngestOutcome.Refusal refusal, Status.Code code, Duration wait)
            throws InvalidProtocolBufferException {
        StatusException status =
                OtlpGrpcService.status(new IngestOutcome.Refused(refusal, "refused: " + refusal, wait));

        assertThat(status.getStatus().getCode()).as(refusal.name()).isEqualTo(code);
        assertThat(status.getStatus().getDescription()).isEqualTo("refused: " + refusal);
        RetryInfo retry = StatusProto.fromThrowable(status).getDetails(0).unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds() * 1000
                        + retry.getRetryDelay().getNanos() / 1_000_000)
                .as(refusal.name())
                .isEqualTo(wait.toMillis());
    }
}
