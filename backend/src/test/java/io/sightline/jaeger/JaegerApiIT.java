package io.sightline.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import io.sightline.SpanFixture;
import io.sightline.security.Projects;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.SpanTables;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The Jaeger query API, checked against the JSON Jaeger's query service gives. */
class JaegerApiIT extends IntegrationTest {

    @Autowired
    Projects projects;

    SpanFixture fixture;

    @Autowired
    void fixture(ClickHouse clickHouse, SpanTables tables) {
        fixture = new SpanFixture(clickHouse, tables);
    }

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
                .isEqualTo(find(trace.get("spans"), "payments.Charge")
                        .get("spanID")
                        .asString());
        assertThat(processes.has(stripe.get("processID").asString())).isTrue();
        JsonNode status = tag(stripe, "http.response.status_code");
        assertThat(status.get("type").asString()).isEqualTo("int64");
        assertThat(status.get("value").isNumber()).isTrue();
        assertThat(tag(stripe, "span.kind").get("value").asString()).isEqualTo("client");
        assertThat(find(trace.get("spans"), "POST /checkout").get("references").size())
                .isZero();
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

        assertThat(strings(get("/api/services").get("data"))).contains(service);
        assertThat(strings(get("/api/services/" + service + "/operations").get("data")))
                .containsExactly("GET /health", "GET /orders");
        JsonNode operations =
                get("/api/operations?service=" + service + "&spanKind=server").get("data");
        assertThat(operations.get(0).get("spanKind").asString()).isEqualTo("server");

        assertThat(traceIds("/api/traces?service=" + service))
                .containsExactlyInAnyOrder(slow.traceId(), fast.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&operation=" + encode("GET /orders")
                        + "&minDuration=500ms"))
                .containsExactly(slow.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&maxDuration=0.5s"))
                .containsExactly(fast.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&tags=" + encode("{\"http.status_code\":\"500\"}")))
                .containsExactly(slow.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&tags=" + encode("{\"error\":\"true\"}")))
                .containsExactly(slow.traceId());
        assertThat(traceIds("/api/traces?service=" + service + "&limit=1")).hasSize(1);
        long now = System.currentTimeMillis() * 1000;
        assertThat(traceIds("/api/traces?service=" + service + "&start=" + (now - 7_200_000_000L) + "&end="
                        + (now - 3_600_000_000L)))
                .isEmpty();
    }

    @Test
    void badParametersGetJaegersErrorEnvelope() throws Exception {
        for (String query : List.of(
                "/api/traces",
                "/api/traces?service=x&minDuration=fast",
                "/api/traces?service=x&start=yesterday",
                "/api/operations",
                "/api/operations?service=x&spanKind=sideways",
                "/api/traces?service=x&limit=many",
                "/api/traces?service=x&tags=" + encode("{\"span.kind\":\"sideways\"}"),
                "/api/traces?service=x&minDuration=2s&maxDuration=1s",
                "/api/traces?service=x&start=20&end=10",
                "/api/traces?service=x&tags=" + encode("not json"),
                "/api/traces/not-a-trace")) {
            HttpResponse<String> response = HTTP.send(request(query), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("data").isNull()).isTrue();
            assertThat(body.get("errors").get(0).get("code").asInt()).isEqualTo(400);
        }
        HttpResponse<String> missing =
                HTTP.send(request("/api/traces/" + "2".repeat(32)), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).get("errors").get(0).get("msg").asString())
                .isEqualTo("trace not found");
    }

    @Test
    void typedTagsReferencesLogsAndProcesses() throws Exception {
        long project = projects.defaultProjectId();
        String traceId = SpanFixture.randomTraceId();
        String linkedTrace = SpanFixture.randomTraceId();
        Instant start = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MICROS);
        io.sightline.span.Span root = SpanFixture.span(project, traceId)
                .service("mailer")
                .name("consume email")
                .kind(io.sightline.span.Span.SpanKind.CONSUMER)
                .start(start)
                .duration(Duration.ofMillis(30))
                .attribute("retry", "true", io.sightline.span.Span.AttributeType.BOOL)
                .attribute("ratio", "0.25", io.sightline.span.Span.AttributeType.DOUBLE)
                .attribute("payload", "AQID", io.sightline.span.Span.AttributeType.BYTES)
                .attribute("attempt", "3", io.sightline.span.Span.AttributeType.INT)
                .attribute("queue", "emails")
                .resource("host.name", "worker-7")
                .link(linkedTrace, "00f067aa0ba902b7")
                .error("template missing")
                .event(
                        start.plusMillis(12),
                        "exception",
                        Map.of("exception.message", "relation \"email_templates\" does not exist"))
                .build();
        io.sightline.span.Span query = SpanFixture.span(project, traceId)
                .service("mailer")
                .parent(root)
                .name("SELECT")
                .kind(io.sightline.span.Span.SpanKind.CLIENT)
                .start(start.plusMillis(2))
                .duration(Duration.ofMillis(9))
                .resource("host.name", "worker-7")
                .build();
        fixture.insert(List.of(root, query));

        JsonNode trace = get("/api/traces/" + traceId).get("data").get(0);

        assertThat(trace.get("processes").size()).isEqualTo(1);
        JsonNode process = trace.get("processes").get("p1");
        assertThat(process.get("serviceName").asString()).isEqualTo("mailer");
        assertThat(process.get("tags").toString())
                .contains("{\"key\":\"host.name\",\"type\":\"string\",\"value\":\"worker-7\"}")
                .doesNotContain("service.name");
        JsonNode consumer = find(trace.get("spans"), "consume email");
        assertThat(consumer.get("startTime").asLong()).isEqualTo(micros(start));
        assertThat(consumer.get("duration").asLong()).isEqualTo(30_000);
        assertThat(consumer.get("processID").asString()).isEqualTo("p1");
        assertThat(consumer.get("references").toString())
                .isEqualTo("[{\"refType\":\"FOLLOWS_FROM\",\"traceID\":\"" + linkedTrace
                        + "\",\"spanID\":\"00f067aa0ba902b7\"}]");
        assertThat(tag(consumer, "retry").toString()).isEqualTo("{\"key\":\"retry\",\"type\":\"bool\",\"value\":true}");
        assertThat(tag(consumer, "ratio").toString())
                .isEqualTo("{\"key\":\"ratio\",\"type\":\"float64\",\"value\":0.25}");
        assertThat(tag(consumer, "payload").toString())
                .isEqualTo("{\"key\":\"payload\",\"type\":\"binary\",\"value\":\"AQID\"}");
        assertThat(tag(consumer, "attempt").toString())
                .isEqualTo("{\"key\":\"attempt\",\"type\":\"int64\",\"value\":3}");
        assertThat(tag(consumer, "queue").get("type").asString()).isEqualTo("string");
        assertThat(tag(consumer, "span.kind").get("value").asString()).isEqualTo("consumer");
        assertThat(tag(consumer, "error").toString()).isEqualTo("{\"key\":\"error\",\"type\":\"bool\",\"value\":true}");
        assertThat(tag(consumer, "otel.status_code").get("value").asString()).isEqualTo("ERROR");
        assertThat(tag(consumer, "otel.status_description").get("value").asString())
                .isEqualTo("template missing");
        JsonNode log = consumer.get("logs").get(0);
        assertThat(log.get("timestamp").asLong()).isEqualTo(micros(start.plusMillis(12)));
        assertThat(log.get("fields").toString())
                .contains("{\"key\":\"event\",\"type\":\"string\",\"value\":\"exception\"}")
                .contains("email_templates");
        JsonNode select = find(trace.get("spans"), "SELECT");
        assertThat(select.get("references").toString())
                .isEqualTo("[{\"refType\":\"CHILD_OF\",\"traceID\":\"" + traceId + "\",\"spanID\":\"" + root.spanId()
                        + "\"}]");
        assertThat(select.get("warnings").isNull()).isTrue();
    }

    @Test
    void searchGivesTheTwentyNewestTracesByDefaultEachWithAllItsSpans() throws Exception {
        long project = projects.defaultProjectId();
        String service = "feed-" + UUID.randomUUID().toString().substring(0, 8);
        List<io.sightline.span.Span> spans = new ArrayList<>();
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String traceId = SpanFixture.randomTraceId();
            newestFirst.add(traceId);
            Instant start = Instant.now().minusSeconds(30 + 60L * i);
            io.sightline.span.Span root = SpanFixture.span(project, traceId)
                    .service(service)
                    .name("GET /feed")
                    .kind(io.sightline.span.Span.SpanKind.SERVER)
                    .start(start)
                    .duration(Duration.ofMillis(40))
                    .build();
            spans.add(root);
            spans.add(SpanFixture.span(project, traceId)
                    .service("ranker")
                    .parent(root)
                    .name("rank")
                    .kind(io.sightline.span.Span.SpanKind.SERVER)
                    .start(start.plusMillis(5))
                    .duration(Duration.ofMillis(20))
                    .build());
        }
        fixture.insert(spans);

        JsonNode found = get("/api/traces?service=" + service);

        assertThat(found.get("total").asInt()).isEqualTo(20);
        assertThat(found.get("limit").asInt()).isZero();
        List<String> ids = new ArrayList<>();
        found.get("data").forEach(trace -> {
            ids.add(trace.get("traceID").asString());
            assertThat(trace.get("spans").size()).isEqualTo(2);
            assertThat(trace.get("processes").size()).isEqualTo(2);
        });
        assertThat(ids).isEqualTo(newestFirst.subList(0, 20));
        assertThat(traceIds("/api/traces?service=" + service + "&limit=30")).hasSize(25);
        assertThat(traceIds("/api/traces?service=ranker&operation=rank&limit=1500"))
                .containsAll(newestFirst);
    }

    @Test
    void searchBySpanKindStatusAndResourceTags() throws Exception {
        long project = projects.defaultProjectId();
        String service = "kinds-" + UUID.randomUUID().toString().substring(0, 8);
        String server = SpanFixture.randomTraceId();
        String client = SpanFixture.randomTraceId();
        fixture.insert(List.of(
                SpanFixture.span(project, server)
                        .service(service)
                        .kind(io.sightline.span.Span.SpanKind.SERVER)
                        .resource("k8s.pod.name", "pod-a")
                        .build(),
                SpanFixture.span(project, client)
                        .service(service)
                        .kind(io.sightline.span.Span.SpanKind.CLIENT)
                        .error("boom")
                        .resource("k8s.pod.name", "pod-b")
                        .build()));

        assertThat(traceIds("/api/traces?service=" + service + "&tags=" + encode("{\"span.kind\":\"server\"}")))
                .containsExactly(server);
        assertThat(traceIds("/api/traces?service=" + service + "&tags=" + encode("{\"otel.status_code\":\"ERROR\"}")))
                .containsExactly(client);
        assertThat(traceIds("/api/traces?service=" + service + "&tags=" + encode("{\"k8s.pod.name\":\"pod-b\"}")))
                .containsExactly(client);
        assertThat(traceIds("/api/traces?service=" + service + "&tag=k8s.pod.name:pod-a"))
                .containsExactly(server);
        assertThat(get("/api/operations?service=" + service + "&spanKind=client")
                        .get("data")
                        .toString())
                .isEqualTo("[{\"name\":\"work\",\"spanKind\":\"client\"}]");
    }

    @Test
    void otherProjectsServicesAndTracesAreInvisible() throws Exception {
        long other = projects.create("jaeger-other-" + UUID.randomUUID());
        String service = "secret-" + UUID.randomUUID().toString().substring(0, 8);
        String traceId = SpanFixture.randomTraceId();
        fixture.insert(List.of(SpanFixture.span(other, traceId).service(service).build()));

        assertThat(strings(get("/api/services").get("data"))).doesNotContain(service);
        assertThat(get("/api/services/" + service + "/operations").get("data").size())
                .isZero();
        assertThat(get("/api/traces?service=" + service).get("data").size()).isZero();
        assertThat(get("/api/traces?traceID=" + traceId).get("data").size()).isZero();
        assertThat(HTTP.send(request("/api/traces/" + traceId), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    /**
     * The service and operation lists read a bounded slice of time (the last 31 days, up to a day
     * ahead): a service whose only span starts 40 days ahead is not listed, one from now is.
     */
    @Test
    void serviceAndOperationListsAreBoundedInTime() throws Exception {
        long project = projects.idOf("default").orElseThrow();
        String now = "listed-" + UUID.randomUUID().toString().substring(0, 8);
        String later = "unlisted-" + UUID.randomUUID().toString().substring(0, 8);
        fixture.insert(List.of(
                SpanFixture.span(project, SpanFixture.randomTraceId())
                        .service(now)
                        .build(),
                SpanFixture.span(project, SpanFixture.randomTraceId())
                        .service(later)
                        .start(Instant.now().plus(Duration.ofDays(40)))
                        .build()));

        assertThat(strings(get("/api/services").get("data"))).contains(now).doesNotContain(later);
        assertThat(strings(get("/api/services/" + now + "/operations").get("data")))
                .containsExactly("work");
        assertThat(get("/api/services/" + later + "/operations").get("data").size())
                .isZero();
        assertThat(get("/api/operations?service=" + later).get("data").size()).isZero();
    }

    /** A search covers at most 31 days, however it is given: start and end, or lookback. */
    @Test
    void aSearchLongerThan31DaysIs400NamingTheParameter() throws Exception {
        Instant end = Instant.now();
        for (var bad : Map.of(
                        "start=" + micros(end.minus(Duration.ofDays(32))) + "&end=" + micros(end),
                        "'start' to 'end' covers at most 31 days",
                        "start=0&end=" + micros(end),
                        "'start' to 'end' covers at most 31 days",
                        "lookback=32d",
                        "'lookback' covers at most 31 days, such as 2d",
                        "lookback=800h",
                        "'lookback' covers at most 31 days, such as 2d",
                        "lookback=99999999999999h",
                        "'lookback' covers at most 31 days, such as 2d",
                        "lookback=soon",
                        "unable to parse param 'lookback': not a duration such as 1.2s or 100ms: soon")
                .entrySet()) {
            HttpResponse<String> response = HTTP.send(
                    request("/api/traces?service=cart&" + bad.getKey()), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(response.body())
                            .get("errors")
                            .get(0)
                            .get("msg")
                            .asString())
                    .as(bad.getKey())
                    .isEqualTo(bad.getValue());
        }
        assertThat(get("/api/traces?service=cart&lookback=31d").get("errors").isNull())
                .isTrue();
        assertThat(get("/api/traces?service=cart&lookback=2h").get("errors").isNull())
                .isTrue();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
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
                .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                .build();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
