package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.reporter.AsyncReporter;
import zipkin2.reporter.BytesEncoder;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.SpanBytesEncoder;

/**
 * Zipkin v2 ingest as Brave and Spring Cloud Sleuth send it: Zipkin's own {@link AsyncReporter}
 * encodes and batches the spans, a sender posts them gzip-compressed to {@code /api/v2/spans} with
 * the Bearer key, and every trace comes back whole through the Jaeger API and Sightline's own.
 */
class ZipkinIngestIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    IngestConfiguration.ZipkinPort zipkinPort;

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void aBraveStyleTraceInJsonOnTheZipkinPortComesBackWhole() throws Exception {
        String traceId = randomTraceId();
        URI endpoint = URI.create("http://127.0.0.1:" + zipkinPort.localPort() + "/api/v2/spans");

        List<Integer> answers = report(endpoint, Encoding.JSON, SpanBytesEncoder.JSON_V2, checkout(traceId));

        assertThat(zipkinPort.localPort()).isPositive().isNotEqualTo(port);
        assertThat(answers).isNotEmpty().containsOnly(202);
        assertTraceComesBackWhole(traceId);
    }

    @Test
    void aBraveStyleTraceInProto3OnTheMainPortComesBackWhole() throws Exception {
        String traceId = randomTraceId();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/api/v2/spans");

        List<Integer> answers = report(endpoint, Encoding.PROTO3, SpanBytesEncoder.PROTO3, checkout(traceId));

        assertThat(answers).isNotEmpty().containsOnly(202);
        assertTraceComesBackWhole(traceId);
    }

    @Test
    void a64BitTraceIdIsStoredAs128Bits() throws Exception {
        String low = randomTraceId().substring(16);
        String body = "[" + json(low, "000000000000000a", "GET /health") + "]";

        HttpResponse<String> answer = post(port, "/api/v2/spans", "application/json", gzip(body), true, BOOTSTRAP_KEY);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(IngestFixtures.rows(clickHouse, "0000000000000000" + low))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .as("Zipkin's decoder lower-cases span names")
                        .containsEntry("name", "get /health"));
    }

    @Test
    void plainJsonWithoutGzipIsAccepted() throws Exception {
        String traceId = randomTraceId();
        byte[] body = ("[" + json(traceId, "000000000000000b", "GET /plain") + "]").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = post(port, "/api/v2/spans", "application/json", body, false, BOOTSTRAP_KEY);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(IngestFixtures.rows(clickHouse, traceId)).hasSize(1);
    }

    @Test
    void badInputIsRefusedWithAMessageAndStoresNothing() throws Exception {
        String traceId = randomTraceId();
        byte[] truncated = ("[" + json(traceId, "000000000000000c", "cut")).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> badJson = post(port, "/api/v2/spans", "application/json", truncated, false, BOOTSTRAP_KEY);
        HttpResponse<String> badProto = post(
                port, "/api/v2/spans", "application/x-protobuf", new byte[] {0x0a, 0x7f, 0x01}, false, BOOTSTRAP_KEY);
        HttpResponse<String> badGzip = post(port, "/api/v2/spans", "application/json", truncated, true, BOOTSTRAP_KEY);
        HttpResponse<String> thrift =
                post(port, "/api/v2/spans", "application/x-thrift", new byte[] {1, 2}, false, BOOTSTRAP_KEY);

        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.body()).contains("not a list of Zipkin v2 spans in JSON");
        assertThat(badProto.statusCode()).isEqualTo(400);
        assertThat(badProto.body()).contains("proto3");
        assertThat(badGzip.statusCode()).isEqualTo(400);
        assertThat(badGzip.body()).contains("not valid gzip");
        assertThat(thrift.statusCode()).isEqualTo(415);
        assertThat(IngestFixtures.rows(clickHouse, traceId)).isEmpty();
    }

    @Test
    void aRequestWithoutAValidKeyIsUnauthorised() throws Exception {
        String traceId = randomTraceId();
        byte[] body = ("[" + json(traceId, "000000000000000d", "GET /") + "]").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> noKey =
                post(zipkinPort.localPort(), "/api/v2/spans", "application/json", body, false, null);
        HttpResponse<String> badKey =
                post(zipkinPort.localPort(), "/api/v2/spans", "application/json", body, false, "sl_not_a_key");

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(badKey.statusCode()).isEqualTo(401);
        assertThat(IngestFixtures.rows(clickHouse, traceId)).isEmpty();
    }

    @Test
    void aProjectOverItsQuotaIsAnswered429WithRetryAfterAndNothingStored() throws Exception {
        long project = projects.create("zipkin-quota-" + UUID.randomUUID());
        String key = apiKeys.issue(project, "zipkin", EnumSet.of(Scope.INGEST)).secret();
        projects.setIngestSpansPerSecond(project, 1L);
        String first = randomTraceId();
        String second = randomTraceId();
        String batch = IntStream.range(1, 6)
                .mapToObj(i -> json(first, "000000000000000" + i, "span " + i))
                .collect(Collectors.joining(",", "[", "]"));

        HttpResponse<String> taken =
                post(zipkinPort.localPort(), "/api/v2/spans", "application/json", gzip(batch), true, key);
        HttpResponse<String> over = post(
                zipkinPort.localPort(),
                "/api/v2/spans",
                "application/json",
                gzip("[" + json(second, "0000000000000001", "late") + "]"),
                true,
                key);

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("4");
        assertThat(over.body()).contains("ingest quota");
        assertThat(IngestFixtures.rows(clickHouse, second)).isEmpty();
    }

    @Test
    void theZipkinPortServesOnlyZipkinIngest() throws Exception {
        byte[] otlp = "{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> otlpIngest =
                post(zipkinPort.localPort(), "/v1/traces", "application/json", otlp, false, BOOTSTRAP_KEY);
        HttpResponse<String> api = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + zipkinPort.localPort() + "/api/services"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> empty = post(
                zipkinPort.localPort(),
                "/api/v2/spans",
                "application/json",
                "[]".getBytes(StandardCharsets.UTF_8),
                false,
                BOOTSTRAP_KEY);

        assertThat(otlpIngest.statusCode()).isEqualTo(404);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(empty.statusCode()).isEqualTo(202);
    }

    /**
     * A checkout as Brave records it: the frontend's server span, its client call to the cart
     * service, the cart service's half of that call (shared, with the same span ID), a local span
     * under it, and a failing database call; one span carries annotations.
     */
    private static List<Span> checkout(String traceId) {
        long now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli() * 1000;
        Endpoint frontend = Endpoint.newBuilder()
                .serviceName("zipkin-frontend")
                .ip("10.0.0.1")
                .port(8080)
                .build();
        Endpoint cart = Endpoint.newBuilder()
                .serviceName("zipkin-cart")
                .ip("10.0.0.2")
                .port(9000)
                .build();
        Span root = Span.newBuilder()
                .traceId(traceId)
                .id("0000000000000001")
                .name("post /checkout")
                .kind(Span.Kind.SERVER)
                .localEndpoint(frontend)
                .timestamp(now)
                .duration(50_000)
                .putTag("http.method", "POST")
                .putTag("http.path", "/checkout")
                .putTag("http.route", "/checkout")
                .putTag("http.status_code", "500")
                .putTag("error", "cart is empty")
                .build();
        Span call = Span.newBuilder()
                .traceId(traceId)
                .parentId("0000000000000001")
                .id("0000000000000002")
                .name("get /cart")
                .kind(Span.Kind.CLIENT)
                .localEndpoint(frontend)
                .remoteEndpoint(cart)
                .timestamp(now + 1_000)
                .duration(30_000)
                .addAnnotation(now + 1_100, "wire send")
                .addAnnotation(now + 30_900, "wire recv")
                .build();
        Span served = call.toBuilder()
                .kind(Span.Kind.SERVER)
                .localEndpoint(cart)
                .remoteEndpoint(frontend)
                .shared(true)
                .timestamp(now + 2_000)
                .duration(28_000)
                .clearAnnotations()
                .build();
        Span load = Span.newBuilder()
                .traceId(traceId)
                .parentId("0000000000000002")
                .id("0000000000000003")
                .name("load cart")
                .localEndpoint(cart)
                .timestamp(now + 3_000)
                .duration(20_000)
                .build();
        Span query = Span.newBuilder()
                .traceId(traceId)
                .parentId("0000000000000003")
                .id("0000000000000004")
                .name("select carts")
                .kind(Span.Kind.CLIENT)
                .localEndpoint(cart)
                .remoteEndpoint(Endpoint.newBuilder().serviceName("postgres").build())
                .timestamp(now + 4_000)
                .duration(10_000)
                .putTag("error", "true")
                .build();
        return List.of(root, call, served, load, query);
    }

    private void assertTraceComesBackWhole(String traceId) throws Exception {
        List<Map<String, Object>> rows = IngestFixtures.rows(clickHouse, traceId);
        assertThat(rows).hasSize(5);
        Map<String, Object> root = row(rows, "post /checkout", "SERVER");
        assertThat(root)
                .containsEntry("service", "zipkin-frontend")
                .containsEntry("endpoint", "POST /checkout")
                .containsEntry("http_status", 500)
                .containsEntry("status_code", "ERROR")
                .containsEntry("status_message", "cart is empty")
                .containsEntry("is_entry", true);
        Map<String, Object> client = row(rows, "get /cart", "CLIENT");
        Map<String, Object> server = row(rows, "get /cart", "SERVER");
        assertThat(client).containsEntry("parent_span_id", root.get("span_id"));
        assertThat(client.get("events").toString()).contains("wire send").contains("wire recv");
        assertThat(client.get("attributes").toString()).contains("peer.service").contains("zipkin-cart");
        assertThat(server)
                .containsEntry("service", "zipkin-cart")
                .containsEntry("parent_span_id", client.get("span_id"));
        assertThat(server.get("span_id")).isNotEqualTo(client.get("span_id"));
        assertThat(row(rows, "select carts", "CLIENT")).containsEntry("status_code", "ERROR");

        JsonNode sightline = get("/api/v1/traces/" + traceId);
        assertThat(sightline.get("spanCount").asInt()).isEqualTo(5);
        JsonNode jaeger = get("/api/traces/" + traceId).get("data").get(0);
        assertThat(jaeger.get("spans").size()).isEqualTo(5);
        List<String> services = StreamSupport.stream(jaeger.get("processes").spliterator(), false)
                .map(process -> process.get("serviceName").asString())
                .toList();
        assertThat(services).containsExactlyInAnyOrder("zipkin-frontend", "zipkin-cart");
        List<String> parents = new ArrayList<>();
        for (JsonNode span : jaeger.get("spans")) {
            for (JsonNode reference : span.get("references")) {
                parents.add(reference.get("spanID").asString());
            }
        }
        assertThat(parents)
                .as("every span but the root has its parent in the trace")
                .hasSize(4);
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String name, String kind) {
        return rows.stream()
                .filter(row -> row.get("name").equals(name) && row.get("kind").equals(kind))
                .findFirst()
                .orElseThrow();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = apiResponse(path, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Reports the spans as Brave does and flushes; the HTTP statuses the sender got. */
    private static List<Integer> report(
            URI endpoint, Encoding encoding, BytesEncoder<Span> spanEncoder, List<Span> spans) throws IOException {
        ZipkinBearerSender sender = new ZipkinBearerSender(endpoint, encoding, BOOTSTRAP_KEY);
        try (AsyncReporter<Span> reporter =
                AsyncReporter.builder(sender).messageMaxBytes(500_000).build(spanEncoder)) {
            spans.forEach(reporter::report);
            reporter.flush();
        }
        sender.close();
        return sender.statuses();
    }

    private static String json(String traceId, String id, String name) {
        long now = Instant.now().toEpochMilli() * 1000;
        return "{\"traceId\":\"" + traceId + "\",\"id\":\"" + id + "\",\"name\":\"" + name
                + "\",\"kind\":\"SERVER\",\"timestamp\":" + now + ",\"duration\":1000,"
                + "\"localEndpoint\":{\"serviceName\":\"zipkin-plain\"}}";
    }

    private HttpResponse<String> post(int port, String path, String contentType, byte[] body, boolean gzip, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(String text) throws IOException {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        }
        return compressed.toByteArray();
    }

    private static String randomTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        id[0] |= 0x10; // a 128-bit ID whose high half is not zero
        return HexFormat.of().formatHex(id);
    }
}
