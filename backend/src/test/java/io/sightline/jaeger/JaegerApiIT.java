package io.sightline.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Jaeger query API, checked against the JSON Jaeger's query service gives. */
class JaegerApiIT extends IntegrationTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void aTraceInJaegersModel() throws Exception {
        String traceId = OtlpFixture.slowCheckout().send(port, BOOTSTRAP_KEY);

        JsonNode body = get("/api/traces/" + traceId);

        assertThat(body.get("errors").isNull()).isTrue();
        assertThat(body.get("total").asInt()).isEqualTo(1);
        JsonNode trace = body.get("data").get(0);
        assertThat(trace.get("traceID").asString()).isEqualTo(traceId);
        assertThat(trace.get("spans").size()).isEqualTo(6);
        JsonNode processes = trace.get("processes");
        List<String> services = new ArrayList<>();
        processes.forEach(process -> services.add(process.get("serviceName").asString()));
        assertThat(services).containsExactlyInAnyOrder("checkout", "auth");
        JsonNode stripe = find(trace.get("spans"), "POST stripe.com/v1/charges");
        assertThat(stripe.get("duration").asLong()).isEqualTo(940_000);
        assertThat(stripe.get("startTime").asLong()).isGreaterThan(1_600_000_000_000_000L);
        assertThat(stripe.get("references").get(0).get("refType").asString()).isEqualTo("CHILD_OF");
        assertThat(stripe.get("references").get(0).get("spanID").asString())
                .isEqualTo(find(trace.get("spans"), "payments.Charge").get("spanID").asString());
        assertThat(processes.has(stripe.get("processID").asString())).isTrue();
        JsonNode status = tag(stripe, "http.response.status_code");
        assertThat(status.get("type").asString()).isEqualTo("int64");
        assertThat(status.get("value").isNumber()).isTrue();
        assertThat(tag(stripe, "span.kind").get("value").asString()).isEqualTo("client");
        assertThat(find(trace.get("spans"), "POST /checkout").get("references").size()).isZero();
    }

    @Test
    void servicesOperationsAndSearch() throws Exception {
        String service = "jaeger-" + UUID.randomUUID().toString().substring(0, 8);
        OtlpFixture slow = new OtlpFixture();
        slow.span(service, null, "GET /orders", Span.SpanKind.SPAN_KIND_SERVER, 0, 900, true, "http.status_code", 500L);
        slow.send(port, BOOTSTRAP_KEY);
        OtlpFixture fast = new OtlpFixture();
        fast.span(service, null, "GET /orders", Span.SpanKind.SPAN_KIND_SERVER, 0, 20, false, "http.status_code", 200L);
        fast.span(service, null, "GET /health", Span.SpanKind.SPAN_KIND_SERVER, 0, 1, false);
        fast.send(port, BOOTSTRAP_KEY);

        assertThat(strings(get("/api/services").get("data"))).contains(service, "checkout");
        assertThat(strings(get("/api/services/" + service + "/operations").get("data"))).containsExactly("GET /health", "GET /orders");
        JsonNode operations = get("/api/operations?service=" + service + "&spanKind=server").get("data");
        assertThat(operations.get(0).get("spanKind").asString()).isEqualTo("server");

        assertThat(traceIds("/api/traces?service=" + service)).containsExactlyInAnyOrder(slow.traceId(), fast.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&operation=" + encode("GET /orders") + "&minDuration=500ms"))
                .containsExactly(slow.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&maxDuration=0.5s")).containsExactly(fast.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&tags=" + encode("{\"http.status_code\":\"500\"}")))
                .containsExactly(slow.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&tags=" + encode("{\"error\":\"true\"}")))
                .containsExactly(slow.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&limit=1")).hasSize(1);
        long now = System.currentTimeMillis() * 1000;
        assertThat(traceIds("/api/traces?service=" + service + "&start=" + (now - 7_200_000_000L) + "&end=" + (now - 3_600_000_000L)))
                .isEmpty();
    }

    @Test
    void badParametersGetJaegersErrorEnvelope() throws Exception {
        for (String query : List.of("/api/traces", "/api/traces?service=x&minDuration=fast", "/api/traces?service=x&start=yesterday",
                "/api/traces?service=x&tags=" + encode("not json"), "/api/traces/not-a-trace")) {
            HttpResponse<String> response = HTTP.send(request(query), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("data").isNull()).isTrue();
            assertThat(body.get("errors").get(0).get("code").asInt()).isEqualTo(400);
        }
        HttpResponse<String> missing = HTTP.send(request("/api/traces/" + "2".repeat(32)), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("errors").get(0).get("msg").asString()).isEqualTo("trace not found");
    }

    private List<String> traceIds(String path) throws Exception {
        List<String> ids = new ArrayList<>();
        get(path).get("data").forEach(trace -> ids.add(trace.get("traceID").asString()));
        return ids;
    }

    private static JsonNode find(JsonNode spans, String operation) {
        for (JsonNode span : spans) {
            if (span.get("operationName").asString().equals(operation)) {
                return span;
            }
        }
        throw new AssertionError("no span " + operation);
    }

    private static JsonNode tag(JsonNode span, String key) {
        for (JsonNode tag : span.get("tags")) {
            if (tag.get("key").asString().equals(key)) {
                return tag;
            }
        }
        throw new AssertionError("no tag " + key);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + BOOTSTRAP_KEY).build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
