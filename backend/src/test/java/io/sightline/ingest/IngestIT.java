package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import io.sightline.storage.ClickHouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/traces} end to end: every encoding and every answer OTLP defines. */
class IngestIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    BatchWriter writer;

    @Autowired
    IngestConfiguration.OtlpHttpPort otlpPort;

    @Autowired
    Projects projects;

    @Autowired
    IngestProperties properties;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void protobufSpansAreStoredBeforeTheAnswer() throws Exception {
        String traceId = randomTraceId();
        var request = request(traceId, 3);

        HttpResponse<byte[]> response = post("/v1/traces", "application/x-protobuf", request.toByteArray(), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-protobuf"));
        assertThat(ExportTraceServiceResponse.parseFrom(response.body()).hasPartialSuccess())
                .isFalse();
        List<Map<String, Object>> rows = IngestFixtures.rows(clickHouse, traceId);
        assertThat(rows).hasSize(3);
        Map<String, Object> root = rows.stream()
                .filter(row -> row.get("parent_span_id").equals(""))
                .findFirst()
                .orElseThrow();
        assertThat(root)
                .containsEntry("service", "checkout")
                .containsEntry("endpoint", "POST /checkout")
                .containsEntry("kind", "SERVER")
                .containsEntry("is_entry", true)
                .containsEntry("http_status", 200)
                .containsEntry("user_id", "user-42")
                .containsEntry("service_version", "1.2.3")
                .containsEntry("environment", "production");
    }

    @Test
    void jsonAsTheOtlpSpecEncodesIt() throws Exception {
        String traceId = randomTraceId();
        String body = OtlpDecoderTest.SPEC_JSON
                .replace("5B8EFFF798038103D269B633813FC60C", traceId)
                .replace("1544712660000000000", Long.toString(System.currentTimeMillis() * 1_000_000))
                .replace("1544712661000000000", Long.toString((System.currentTimeMillis() + 1000) * 1_000_000));

        HttpResponse<byte[]> response =
                post("/v1/traces", "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        List<Map<String, Object>> rows = IngestFixtures.rows(clickHouse, traceId);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row)
                    .containsEntry("span_id", "eee19b7ec3c1b174")
                    .containsEntry("status_code", "ERROR")
                    .containsEntry("http_status", 503)
                    .containsEntry("service", "my.service");
        });
    }

    @Test
    void gzipBodies() throws Exception {
        String traceId = randomTraceId();
        byte[] gzipped = gzip(request(traceId, 2).toByteArray());

        HttpResponse<byte[]> response =
                post("/v1/traces", "application/x-protobuf", gzipped, Map.of("Content-Encoding", "gzip"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(IngestFixtures.rows(clickHouse, traceId)).hasSize(2);
    }

    @Test
    void invalidSpansAreReportedAsPartialSuccessAndTheRestStored() throws Exception {
        String traceId = randomTraceId();
        var request = request(traceId, 2).toBuilder();
        request.getResourceSpansBuilder(0)
                .getScopeSpansBuilder(0)
                .addSpans(Span.newBuilder()
                        .setTraceId(ByteString.fromHex(traceId))
                        .setSpanId(ByteString.copyFrom(new byte[3]))
                        .setName("broken")
                        .setStartTimeUnixNano(1)
                        .setEndTimeUnixNano(2));

        HttpResponse<byte[]> response =
                post("/v1/traces", "application/x-protobuf", request.build().toByteArray(), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        var partial = ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess();
        assertThat(partial.getRejectedSpans()).isEqualTo(1);
        assertThat(partial.getErrorMessage()).contains("invalid span ID");
        assertThat(IngestFixtures.rows(clickHouse, traceId)).hasSize(2);
    }

    @Test
    void spansOnManyDaysOutsideRetentionAndSkewAreRejectedWithoutFailingTheInsert() throws Exception {
        // A sender with a broken clock: spans on 150 different days, each its own day partition,
        // which ClickHouse would refuse in one insert (more than 100 partitions), failing every
        // request batched with it.
        String traceId = randomTraceId();
        var request = request(traceId, 3).toBuilder();
        long now = System.currentTimeMillis() * 1_000_000;
        var scope = request.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
        for (int day = 1; day <= 150; day++) {
            // 140 days before the week of retention, 10 days after now.
            long start = day <= 140
                    ? now - Duration.ofDays(7 + day).toNanos()
                    : now + Duration.ofDays(day - 140).toNanos();
            scope.addSpans(Span.newBuilder()
                    .setTraceId(ByteString.fromHex(traceId))
                    .setSpanId(ByteString.fromHex("%08x%08x".formatted(0xd, day)))
                    .setParentSpanId(ByteString.fromHex("0000000100000001"))
                    .setName("clock skewed")
                    .setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(start + 1_000_000));
        }
        long otherProject = projects.create("bystander-" + UUID.randomUUID());
        String otherKey = apiKeys.issue(otherProject, "bystander", EnumSet.of(Scope.READ, Scope.INGEST))
                .secret();
        String otherTrace = randomTraceId();

        var skewed = HTTP.sendAsync(ingest(BOOTSTRAP_KEY, request.build()), HttpResponse.BodyHandlers.ofByteArray());
        var bystander =
                HTTP.sendAsync(ingest(otherKey, request(otherTrace, 20)), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(skewed.get().statusCode()).isEqualTo(200);
        var partial = ExportTraceServiceResponse.parseFrom(skewed.get().body()).getPartialSuccess();
        assertThat(partial.getRejectedSpans()).isEqualTo(150);
        assertThat(partial.getErrorMessage())
                .startsWith("150 span(s) rejected; first: span starts ")
                .endsWith(", before the retention window of 7 days");
        assertThat(IngestFixtures.rows(clickHouse, traceId))
                .extracting(row -> row.get("name"))
                .doesNotContain("clock skewed")
                .hasSize(3);
        JsonNode trace = api("/api/v1/traces/" + traceId);
        assertThat(trace.get("spanCount").asInt()).isEqualTo(3);
        assertThat(bystander.get().statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(bystander.get().body()).hasPartialSuccess())
                .isFalse();
        assertThat(IngestFixtures.rows(clickHouse, otherTrace)).hasSize(20);
    }

    @Test
    void whatExceedsTheSpanLimitsIsCutCountedAndReported() throws Exception {
        String traceId = randomTraceId();
        var request = request(traceId, 1).toBuilder();
        var span = request.getResourceSpansBuilder(0).getScopeSpansBuilder(0).getSpansBuilder(0);
        span.addAttributes(SpanNormaliserTest.string("payload", "x".repeat(100_000)));
        for (int i = 0; i < 200; i++) {
            span.addAttributes(SpanNormaliserTest.string("extra." + i, "v"));
        }

        HttpResponse<byte[]> response =
                post("/v1/traces", "application/x-protobuf", request.build().toByteArray(), Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        var partial = ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess();
        assertThat(partial.getRejectedSpans()).isZero();
        assertThat(partial.getErrorMessage())
                .isEqualTo("limits applied: 77 attribute(s) dropped beyond 128 per span, 128 per resource, 32 per"
                        + " event or link, 1 attribute key(s), value(s) or status message(s) truncated to 65536"
                        + " characters");
        @SuppressWarnings("unchecked")
        Map<String, String> attributes = (Map<String, String>)
                IngestFixtures.rows(clickHouse, traceId).getFirst().get("attributes");
        assertThat(attributes).hasSize(128);
        assertThat(attributes.get("payload"))
                .hasSize(65536 + "…[truncated 34464 chars]".length())
                .endsWith("x…[truncated 34464 chars]");
    }

    @Test
    void malformedBodiesAre400WithAStatusMessage() throws Exception {
        HttpResponse<byte[]> protobuf =
                post("/v1/traces", "application/x-protobuf", new byte[] {(byte) 0xff, 1, 2}, Map.of());
        HttpResponse<byte[]> json = post(
                "/v1/traces", "application/json", "{\"resourceSpans\":".getBytes(StandardCharsets.UTF_8), Map.of());
        HttpResponse<byte[]> gzip = post(
                "/v1/traces",
                "application/json",
                "not gzip".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Encoding", "gzip"));

        assertThat(protobuf.statusCode()).isEqualTo(400);
        assertThat(new String(protobuf.body(), StandardCharsets.ISO_8859_1))
                .contains("not an OTLP ExportTraceServiceRequest");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(new String(json.body(), StandardCharsets.UTF_8))
                .contains("\"code\":3")
                .contains("not valid JSON");
        assertThat(gzip.statusCode()).isEqualTo(400);
        assertThat(new String(gzip.body(), StandardCharsets.UTF_8)).contains("not valid gzip");
    }

    @Test
    void missingOrWrongKeysAre401AndReadOnlyKeysCannotIngest() throws Exception {
        byte[] body = request(randomTraceId(), 1).toByteArray();

        HttpResponse<byte[]> none = HTTP.send(
                HttpRequest.newBuilder(uri("/v1/traces"))
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> wrong = HTTP.send(
                HttpRequest.newBuilder(uri("/v1/traces"))
                        .header("Authorization", "Bearer sl_nope")
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    }

    @Test
    void bodiesOverTheLimitAre413EvenWhenGzipHidesTheirSize() throws Exception {
        byte[] huge = new byte[(int) properties.maxBodyBytes() + 1];

        HttpResponse<byte[]> plain = post("/v1/traces", "application/x-protobuf", huge, Map.of());
        HttpResponse<byte[]> bomb =
                post("/v1/traces", "application/x-protobuf", gzip(huge), Map.of("Content-Encoding", "gzip"));

        assertThat(plain.statusCode()).isEqualTo(413);
        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(new String(bomb.body(), StandardCharsets.ISO_8859_1)).contains("larger than");
    }

    @Test
    void otherContentTypesAndEncodingsAre415() throws Exception {
        HttpResponse<byte[]> text =
                post("/v1/traces", "text/plain", "hello".getBytes(StandardCharsets.UTF_8), Map.of());
        HttpResponse<byte[]> brotli = post(
                "/v1/traces",
                "application/json",
                "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Encoding", "br"));

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(new String(text.body(), StandardCharsets.UTF_8))
                .contains("application/x-protobuf or application/json");
        assertThat(brotli.statusCode()).isEqualTo(415);
    }

    @Test
    void concurrentRequestsShareInsertsAndAllAcknowledgedSpansAreStored() throws Exception {
        String traceId = randomTraceId();
        long insertsBefore = writer.inserts();
        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            byte[] body = request(traceId, 50, i).toByteArray();
            responses.add(HTTP.sendAsync(
                    HttpRequest.newBuilder(uri("/v1/traces"))
                            .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                            .header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }

        for (var response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
        assertThat(IngestFixtures.rows(clickHouse, traceId)).hasSize(32 * 50);
        assertThat(writer.inserts() - insertsBefore).isLessThan(32);
    }

    @Test
    void theOtlpPortServesIngestAndNothingElse() throws Exception {
        String traceId = randomTraceId();
        URI otlp = URI.create("http://localhost:" + otlpPort.localPort());

        HttpResponse<byte[]> ingest = HTTP.send(
                HttpRequest.newBuilder(otlp.resolve("/v1/traces"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                request(traceId, 1).toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> api = HTTP.send(
                HttpRequest.newBuilder(otlp.resolve("/api/services"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(otlpPort.localPort()).isNotEqualTo(port).isPositive();
        assertThat(ingest.statusCode()).isEqualTo(200);
        assertThat(api.statusCode()).isEqualTo(404);
    }

    HttpResponse<byte[]> post(String path, String contentType, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpRequest ingest(String key, ExportTraceServiceRequest request) {
        return HttpRequest.newBuilder(uri("/v1/traces"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()))
                .build();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String randomTraceId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return HexFormat.of().formatHex(bytes);
    }

    static ExportTraceServiceRequest request(String traceId, int spans) {
        return request(traceId, spans, 0);
    }

    /** A root SERVER span of checkout and {@code spans - 1} children, all in {@code traceId}. */
    static ExportTraceServiceRequest request(String traceId, int spans, int batch) {
        long now = System.currentTimeMillis() * 1_000_000;
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < spans; i++) {
            var span = Span.newBuilder()
                    .setTraceId(ByteString.fromHex(traceId))
                    .setSpanId(ByteString.fromHex(String.format("%08x%08x", batch + 1, i + 1)))
                    .setStartTimeUnixNano(now + i * 1_000_000L)
                    .setEndTimeUnixNano(now + i * 1_000_000L + 5_000_000L);
            if (i == 0 && batch == 0) {
                span.setName("POST /checkout")
                        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                        .addAttributes(SpanNormaliserTest.string("http.request.method", "POST"))
                        .addAttributes(SpanNormaliserTest.string("http.route", "/checkout"))
                        .addAttributes(SpanNormaliserTest.integer("http.response.status_code", 200))
                        .addAttributes(SpanNormaliserTest.string("enduser.id", "user-42"));
            } else {
                span.setName("SELECT orders")
                        .setParentSpanId(ByteString.fromHex("0000000100000001"))
                        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                        .addAttributes(SpanNormaliserTest.string("db.system", "postgresql"));
            }
            scope.addSpans(span);
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(
                                SpanNormaliserTest.resource("checkout", "deployment.environment", "production")
                                        .toBuilder()
                                        .setAttributes(1, SpanNormaliserTest.string("service.version", "1.2.3")))
                        .addScopeSpans(scope))
                .build();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
