package io.sightline.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.sightline.IntegrationTest;
import io.sightline.SpanFixture;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import io.sightline.span.OtlpSpans;
import io.sightline.span.Span;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Forwarding end to end: this instance (A) forwards to a real OTLP/HTTP receiver started here (its
 * paths answer 200, 503 then 200, 400, or never) and to itself over OTLP/HTTP and OTLP/gRPC as a
 * second Sightline would receive it — from project {@code fwd-source} into the bootstrap key's
 * project, which no destination takes, so nothing loops. Each destination takes its own services,
 * so the tests run alone and in any order.
 */
class ForwardingIT extends IntegrationTest {

    private static final OtlpHttpReceiver RECEIVER = new OtlpHttpReceiver();
    private static final int SELF_HTTP_PORT = freePort();
    private static final int SELF_GRPC_PORT = freePort();
    private static final int DEAD_PORT = freePort();
    private static final String SOURCE_PROJECT = "fwd-source-" + UUID.randomUUID();

    static {
        RECEIVER.path("/recorder", OtlpHttpReceiver.OK)
                .path("/flaky", OtlpHttpReceiver.firstThenOk(OtlpHttpReceiver.status(503, "1")))
                .path("/bad", OtlpHttpReceiver.status(400, null))
                .path("/hang", RECEIVER.hang());
    }

    @DynamicPropertySource
    static void destinations(DynamicPropertyRegistry registry) {
        // A's own ports, known before it starts, to be its own destinations (IntegrationTest's picks of
        // the sightline.ingest ports win over this class's, so these are set one level down).
        registry.add("server.port", () -> SELF_HTTP_PORT);
        registry.add("spring.grpc.server.port", () -> SELF_GRPC_PORT);
        registry.add("sightline.forward.drain-timeout", () -> "1s");
        String receiver = "http://127.0.0.1:" + RECEIVER.port();
        destination(registry, 0, "recorder", receiver + "/recorder", "http/protobuf", "fwd-recorded");
        registry.add("sightline.forward.destinations[0].headers.x-honeycomb-team", () -> "team-secret");
        destination(registry, 1, "self-http", "http://127.0.0.1:" + SELF_HTTP_PORT, "http/protobuf", "fwd-via-http");
        registry.add("sightline.forward.destinations[1].headers.Authorization", () -> "Bearer " + BOOTSTRAP_KEY);
        registry.add("sightline.forward.destinations[1].projects", () -> SOURCE_PROJECT);
        destination(registry, 2, "self-grpc", "http://127.0.0.1:" + SELF_GRPC_PORT, "grpc", "fwd-via-grpc");
        registry.add("sightline.forward.destinations[2].headers.authorization", () -> "Bearer " + BOOTSTRAP_KEY);
        registry.add("sightline.forward.destinations[2].projects", () -> SOURCE_PROJECT);
        // the full URL form
        destination(registry, 3, "flaky", receiver + "/flaky/v1/traces", "http/protobuf", "fwd-flaky");
        registry.add("sightline.forward.destinations[3].max-backoff", () -> "2s");
        destination(registry, 4, "bad", receiver + "/bad", "http/protobuf", "fwd-bad");
        registry.add("sightline.forward.destinations[4].batch-spans", () -> 5);
        // these two take every service
        destination(registry, 5, "dead", "http://127.0.0.1:" + DEAD_PORT, "http/protobuf", "");
        registry.add("sightline.forward.destinations[5].timeout", () -> "1s");
        registry.add("sightline.forward.destinations[5].max-backoff", () -> "1s");
        destination(registry, 6, "hang", receiver + "/hang", "http/protobuf", "");
        registry.add("sightline.forward.destinations[6].timeout", () -> "5m");
        destination(registry, 7, "small", receiver + "/recorder", "http/protobuf", "fwd-overflow");
        registry.add("sightline.forward.destinations[7].queue-spans", () -> 3);
    }

    private static void destination(
            DynamicPropertyRegistry registry,
            int index,
            String name,
            String endpoint,
            String protocol,
            String service) {
        String prefix = "sightline.forward.destinations[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "endpoint", () -> endpoint);
        registry.add(prefix + "protocol", () -> protocol);
        if (!service.isEmpty()) {
            registry.add(prefix + "services", () -> service);
        }
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    MeterRegistry meters;

    @Test
    void spansArriveAsStoredWithTheConfiguredHeadersAndSecretsStayRedacted() throws Exception {
        String traceId = SpanFixture.randomTraceId();
        List<Span> spans = spans(traceId, "fwd-recorded", 3);

        assertThat(export(spans, BOOTSTRAP_KEY).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> spansOf(RECEIVER.received("/recorder"), traceId) == 3);
        OtlpHttpReceiver.Received received = RECEIVER.received("/recorder").stream()
                .filter(request -> spanCount(request.request(), traceId) > 0)
                .findFirst()
                .orElseThrow();
        assertThat(received.headers().get("X-honeycomb-team")).containsExactly("team-secret");
        assertThat(received.headers().get("Content-type")).containsExactly("application/x-protobuf");
        var span = received.request().getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(attribute(span.getAttributesList(), "db.password"))
                .as("forwarded as stored: redacted")
                .isEqualTo("[REDACTED]");
        assertThat(attribute(span.getAttributesList(), "http.request.header.authorization"))
                .isEqualTo("[REDACTED]");
        assertThat(attribute(span.getAttributesList(), "http.route")).isEqualTo("/checkout");
        // The worker counts a batch once the receiver has answered, a moment after the receiver saw it.
        await().atMost(Duration.ofSeconds(5)).until(() -> counter("recorder", "sent") >= 3);
    }

    @Test
    void anotherSightlineReceivesOverHttpAndGrpcOnlyTheFilteredProjectAndServices() throws Exception {
        long source = projects.create(SOURCE_PROJECT);
        String sourceKey = apiKeys.issue(source, "fwd", EnumSet.of(Scope.INGEST, Scope.READ))
                .secret();
        String viaHttp = SpanFixture.randomTraceId();
        String viaGrpc = SpanFixture.randomTraceId();
        String otherService = SpanFixture.randomTraceId();
        String otherProject = SpanFixture.randomTraceId();

        assertThat(export(spans(viaHttp, "fwd-via-http", 2), sourceKey).statusCode())
                .isEqualTo(200);
        assertThat(export(spans(viaGrpc, "fwd-via-grpc", 2), sourceKey).statusCode())
                .isEqualTo(200);
        assertThat(export(spans(otherService, "fwd-elsewhere", 2), sourceKey).statusCode())
                .isEqualTo(200);
        // the default project is not forwarded, though its service is
        assertThat(export(spans(otherProject, "fwd-via-http", 2), BOOTSTRAP_KEY).statusCode())
                .isEqualTo(200);

        // Forwarded into the bootstrap key's project: the copy answers there.
        for (String traceId : List.of(viaHttp, viaGrpc)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> apiResponse("/api/v1/traces/" + traceId, BOOTSTRAP_KEY)
                                    .statusCode()
                            == 200);
            JsonNode copy = api("/api/v1/traces/" + traceId);
            assertThat(copy.toString()).contains("[REDACTED]").doesNotContain("hunter2");
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> counter("self-http", "sent") >= 2 && counter("self-grpc", "sent") >= 2);
        assertThat(counter("self-http", "sent")).isEqualTo(2);
        assertThat(counter("self-grpc", "sent")).isEqualTo(2);
        assertThat(counter("self-grpc", "failed")).isZero();
        assertThat(apiResponse("/api/v1/traces/" + otherService, BOOTSTRAP_KEY).statusCode())
                .as("a service no destination takes")
                .isEqualTo(404);
    }

    @Test
    void aDestinationAnswering503WithRetryAfterGetsEverythingOnce() throws Exception {
        String traceId = SpanFixture.randomTraceId();

        assertThat(export(spans(traceId, "fwd-flaky", 4), BOOTSTRAP_KEY).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> counter("flaky", "sent") >= 4);
        List<OtlpHttpReceiver.Received> attempts = RECEIVER.received("/flaky");
        assertThat(attempts).as("refused once, then taken").hasSize(2);
        assertThat(spansOf(attempts, traceId))
                .as("both attempts carried the 4 spans")
                .isEqualTo(8);
        assertThat(counter("flaky", "sent")).isEqualTo(4);
        assertThat(counter("flaky", "failed")).isZero();
    }

    @Test
    void aDestinationAnswering400CountsFailedAndIsNotRetried() throws Exception {
        assertThat(export(spans(SpanFixture.randomTraceId(), "fwd-bad", 5), BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(200);
        assertThat(export(spans(SpanFixture.randomTraceId(), "fwd-bad", 5), BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> counter("bad", "failed") >= 10);
        // One worker sends in order: a retry of the first batch would have come before the second.
        assertThat(RECEIVER.received("/bad")).hasSize(2);
        assertThat(counter("bad", "sent")).isZero();
    }

    @Test
    void aDeadOrHangingDestinationNeverDelaysTheAcknowledgement() throws Exception {
        // Make sure the hanging destination is stuck inside a request before measuring.
        assertThat(export(spans(SpanFixture.randomTraceId(), "fwd-latency", 1), BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !RECEIVER.received("/hang").isEmpty());

        long start = System.nanoTime();
        HttpResponse<String> answer = export(spans(SpanFixture.randomTraceId(), "fwd-latency", 2), BOOTSTRAP_KEY);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.statusCode()).isEqualTo(200);
        // The hanging destination would hold an answer for minutes, the dead one for its retries.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(gauge("hang")).as("queued behind the hung request").isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("dead") >= 2);
        assertThat(counter("dead", "sent")).isZero();
        assertThat(counter("dead", "failed"))
                .as("a closed port is retried, not refused")
                .isZero();
    }

    @Test
    void aFullQueueDropsAndCountsWhatDoesNotFit() throws Exception {
        String traceId = SpanFixture.randomTraceId();
        double before = counter("small", "dropped");

        assertThat(export(spans(traceId, "fwd-overflow", 10), BOOTSTRAP_KEY).statusCode())
                .isEqualTo(200);

        assertThat(counter("small", "dropped") - before).isEqualTo(10);
        assertThat(gauge("small")).isZero();
    }

    @Test
    void adminsReadTheCountsButNoHeaderValues() throws Exception {
        HttpResponse<String> forwarding = signIn("admin", ADMIN_PASSWORD)
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/forwarding"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(apiResponse("/api/v1/forwarding", BOOTSTRAP_KEY).statusCode())
                .as("a key is not an admin")
                .isEqualTo(403);
        assertThat(forwarding.statusCode()).as(forwarding.body()).isEqualTo(200);
        JsonNode destinations = JSON.readTree(forwarding.body()).get("destinations");
        assertThat(destinations.size()).isEqualTo(8);
        assertThat(destinations.get(0).get("name").asString()).isEqualTo("recorder");
        assertThat(destinations.get(0).has("sent")).isTrue();
        assertThat(forwarding.body()).doesNotContain("team-secret").doesNotContain(BOOTSTRAP_KEY);
    }

    private List<Span> spans(String traceId, String service, int count) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            spans.add(SpanFixture.span(0, traceId)
                    .service(service)
                    .name("POST /checkout")
                    .kind(Span.SpanKind.SERVER)
                    .attribute("http.route", "/checkout")
                    .attribute("db.password", "hunter2")
                    .attribute("http.request.header.authorization", "Bearer abc.def")
                    .build());
        }
        return spans;
    }

    private HttpResponse<String> export(List<Span> spans, String key) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/traces"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                OtlpSpans.request(spans).toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private double counter(String destination, String outcome) {
        return meters.get("sightline.forward.spans")
                .tags("destination", destination, "outcome", outcome)
                .functionCounter()
                .count();
    }

    private double gauge(String destination) {
        return meters.get("sightline.forward.queue.spans")
                .tag("destination", destination)
                .gauge()
                .value();
    }

    private static long spansOf(List<OtlpHttpReceiver.Received> requests, String traceId) {
        return requests.stream()
                .mapToLong(request -> spanCount(request.request(), traceId))
                .sum();
    }

    private static long spanCount(ExportTraceServiceRequest request, String traceId) {
        return request.getResourceSpansList().stream()
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream())
                .filter(span -> HexFormat.of()
                        .formatHex(span.getTraceId().toByteArray())
                        .equals(traceId))
                .count();
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream()
                .filter(attribute -> attribute.getKey().equals(key))
                .map(attribute -> attribute.getValue().getStringValue())
                .findFirst()
                .orElse(null);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
