package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.IntegrationTest;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import io.sightline.storage.ClickHouse;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * OTLP/gRPC on its own port (Boot's gRPC server), against the real engine: a Collector-style client
 * with a large gzip request, and the refusals as the OTLP specification maps them, with the {@code
 * RetryInfo} that makes exporters retry (the SDK's gRPC exporter: {@code SdkStoriesIT}).
 */
class OtlpGrpcIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    GrpcServerLifecycle grpcServer;

    @Autowired
    IngestProperties properties;

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    private GrpcClient client;

    @BeforeEach
    void connect() {
        client = new GrpcClient(grpcServer.getPort());
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        client.close();
    }

    @Test
    void aCollectorSizedGzipRequestOf20MiBIsStoredAndItsCutValuesReportedAsPartialSuccess() {
        String traceId = IngestIT.randomTraceId();
        ExportTraceServiceRequest.Builder request = IngestIT.request(traceId, 300).toBuilder();
        String longValue = "x".repeat(70_000); // past value-length (65,536): cut, and said so
        request.getResourceSpansBuilder(0)
                .getScopeSpansBuilder(0)
                .getSpansBuilderList()
                .forEach(span -> span.addAttributes(SpanNormaliserTest.string("payload", longValue)));
        assertThat(request.build().getSerializedSize()).isGreaterThan(20 << 20);

        ExportTraceServiceResponse response =
                client.stub(BOOTSTRAP_KEY).withCompression("gzip").export(request.build());

        assertThat(response.getPartialSuccess().getRejectedSpans()).isZero();
        assertThat(response.getPartialSuccess().getErrorMessage())
                .contains("300 attribute key(s), value(s) or status message(s) truncated to 65536 characters");
        assertThat(IngestFixtures.rows(clickHouse, traceId)).hasSize(300);
    }

    @Test
    void aMessageOverTheBodyLimitIsRefusedWithoutRetryInfo() {
        byte[] tooLarge = new byte[(int) properties.maxBodyBytes() + 1];

        StatusRuntimeException refused = client.refusal(BOOTSTRAP_KEY, tooLarge);

        // grpc-java's own answer; without RetryInfo, OTLP exporters do not retry it.
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(GrpcClient.retryInfo(refused)).isNull();
    }

    @Test
    void aMissingOrUnknownKeyIsUnauthenticatedAndAReadOnlyKeyPermissionDenied() {
        byte[] valid = IngestIT.request(IngestIT.randomTraceId(), 1).toByteArray();
        long project = projects.create("grpc-read-" + UUID.randomUUID());
        String readOnly =
                apiKeys.issue(project, "reader", EnumSet.of(Scope.READ)).secret();

        StatusRuntimeException missing = client.refusal(null, valid);
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(missing.getStatus().getDescription()).contains("authorization: Bearer <key>");
        assertThat(client.refusal("sl_not_a_key", valid).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(client.refusal(readOnly, valid).getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aMessageThatDoesNotDecodeIsInvalidArgumentWithTheDecodersReason() {
        StatusRuntimeException refused =
                client.refusal(BOOTSTRAP_KEY, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, 0x01});

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getStatus().getDescription()).isNotBlank();
        assertThat(GrpcClient.retryInfo(refused)).isNull();
    }

    @Test
    void aProjectOverItsQuotaIsResourceExhaustedWithTheWaitInRetryInfo() {
        long project = projects.create("grpc-quota-" + UUID.randomUUID());
        String key =
                apiKeys.issue(project, "exporter", EnumSet.of(Scope.INGEST)).secret();
        projects.setIngestSpansPerSecond(project, 10L);
        // 50 spans take one second's burst of 10 and leave a debt of 40: 4 s at 10 spans/s.
        client.stub(key).export(IngestIT.request(IngestIT.randomTraceId(), 50));

        StatusRuntimeException refused = client.refusal(
                key, IngestIT.request(IngestIT.randomTraceId(), 1).toByteArray());

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(refused.getStatus().getDescription()).contains("quota");
        assertThat(GrpcClient.retryInfo(refused).getRetryDelay().getSeconds()).isEqualTo(4);
    }
}
