package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sightline.IntegrationTest;
import io.sightline.storage.ClickHouse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The official OpenTelemetry Java SDK exporters (http/protobuf and gRPC) against the OTLP ports, read back through both APIs. */
class SdkExporterIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    IngestConfiguration.OtlpHttpPort otlpPort;

    @Autowired
    GrpcServerLifecycle grpcServer;

    @Test
    void aTraceFromTheSdkExporterIsStoredAndReadBackWhole() throws Exception {
        assertTheCheckoutTraceArrivesWhole(OtlpHttpSpanExporter.builder()
                .setEndpoint("http://localhost:" + otlpPort.localPort() + "/v1/traces")
                .addHeader("Authorization", "Bearer " + BOOTSTRAP_KEY)
                .setCompression("gzip")
                .build());
    }

    @Test
    void aTraceFromTheSdkGrpcExporterIsStoredAndReadBackWhole() throws Exception {
        assertTheCheckoutTraceArrivesWhole(OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://localhost:" + grpcServer.getPort())
                .addHeader("authorization", "Bearer " + BOOTSTRAP_KEY)
                .setCompression("gzip")
                .build());
    }

    private void assertTheCheckoutTraceArrivesWhole(SpanExporter exporter) throws Exception {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(
                                AttributeKey.stringKey("service.name"), "sdk-checkout",
                                AttributeKey.stringKey("service.version"), "3.0.0"))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        Tracer tracer = provider.get("sdk-test");

        String traceId;
        Span root = tracer.spanBuilder("POST /checkout")
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", "POST")
                .setAttribute("http.route", "/checkout")
                .setAttribute("http.response.status_code", 500L)
                .setAttribute("user.id", "user-7")
                .startSpan();
        try (Scope ignored = root.makeCurrent()) {
            traceId = root.getSpanContext().getTraceId();
            Span query = tracer.spanBuilder("SELECT carts")
                    .setSpanKind(SpanKind.CLIENT)
                    .setAttribute("db.system", "postgresql")
                    .setAttribute("db.statement", "SELECT * FROM carts WHERE user_id = $1")
                    .startSpan();
            query.addEvent("rows", Attributes.of(AttributeKey.longKey("db.rows_returned"), 0L));
            query.end();
            root.recordException(new IllegalStateException("cart is empty"));
            root.setStatus(StatusCode.ERROR, "cart is empty");
        } finally {
            root.end();
        }
        CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
        provider.shutdown().join(10, TimeUnit.SECONDS);

        assertThat(flushed.isSuccess()).isTrue();
        List<Map<String, Object>> rows = IngestFixtures.rows(clickHouse, traceId);
        assertThat(rows).hasSize(2);
        Map<String, Object> server = rows.stream()
                .filter(row -> row.get("kind").equals("SERVER"))
                .findFirst()
                .orElseThrow();
        assertThat(server)
                .containsEntry("service", "sdk-checkout")
                .containsEntry("endpoint", "POST /checkout")
                .containsEntry("status_code", "ERROR")
                .containsEntry("status_message", "cart is empty")
                .containsEntry("http_status", 500)
                .containsEntry("user_id", "user-7")
                .containsEntry("is_entry", true)
                .containsEntry("service_version", "3.0.0")
                .containsEntry("scope_name", "sdk-test");
        assertThat(server.get("events").toString()).contains("exception").contains("cart is empty");
        Map<String, Object> client = rows.stream()
                .filter(row -> row.get("kind").equals("CLIENT"))
                .findFirst()
                .orElseThrow();
        // Stored under the name the SDK sent, not renamed to db.query.text.
        assertThat(client.get("attributes").toString()).contains("db.statement").doesNotContain("db.query.text");
        assertThat(client.get("parent_span_id")).isEqualTo(server.get("span_id"));

        JsonNode sightline = get("/api/v1/traces/" + traceId);
        assertThat(sightline.get("spanCount").asInt()).isEqualTo(2);
        assertThat(sightline.get("firstError").get("message").asString()).isEqualTo("cart is empty");
        assertThat(sightline.get("firstError").get("type").asString()).isEqualTo("java.lang.IllegalStateException");
        JsonNode jaeger = get("/api/traces/" + traceId).get("data").get(0);
        assertThat(jaeger.get("spans").size()).isEqualTo(2);
        assertThat(jaeger.get("processes").get("p1").get("serviceName").asString())
                .isEqualTo("sdk-checkout");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
