package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import io.sightline.demo.TraceBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Evaluation over the stories on the embedded engine, with the clock moved by the test: story 1's
 * {@code POST /checkout} p99-above-1s rule fires, then resolves, one event and one notification per
 * transition; story 2's deploy fires the deploy rule once however often it is evaluated; one rule's
 * failure leaves the others evaluated; of replicas ticking together, one evaluates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(CapturedAlerts.class)
class AlertEvaluationIT extends IntegrationTest {

    static final String WEBHOOK = "https://203.0.113.10/hook";
    static final String N_PLUS_ONE = "SELECT * FROM product_prices WHERE product_id = $1";

    @Autowired
    MovableClock clock;

    @Autowired
    CapturedAlerts.Delivery delivery;

    @Autowired
    AlertEvaluation evaluation;

    @Autowired
    AlertRuleRepository rules;

    @Autowired
    DataSource dataSource;

    StoryFixture stories;
    Instant loaded;

    @BeforeAll
    void loadStories() {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        loaded = Instant.now();
        delivery.exemplarTraceId = stories.slowCheckout();
    }

    @Test
    void story1sCheckoutP99RuleFiresThenResolvesWithOneNotificationPerTransition() throws Exception {
        long id = create("""
                {"name": "Checkout p99", "service": "%s", "endpoint": "POST /checkout", "metric": "p99",
                 "operator": "above", "threshold": 1000, "window": "15m", "webhookUrl": "%s", "format": "slack"}""".formatted(stories.service("checkout-service"), WEBHOOK));

        assertThat(evaluateAt(id, loaded)).as("fired").isTrue();
        JsonNode firing = api("/api/v1/alerts/" + id);
        assertThat(firing.get("state").asString()).isEqualTo("firing");
        // Story 1's slow checkout took 1.2 s; the rollup's percentile is within 0.5 %.
        assertThat(firing.get("lastValue").asDouble()).isBetween(1190.0, 1215.0);
        assertThat(evaluateAt(id, loaded.plus(Duration.ofMinutes(1))))
                .as("still firing: no news")
                .isFalse();

        List<Notification> sent = delivery.of(id);
        assertThat(sent).hasSize(1);
        Notification fired = sent.getFirst();
        assertThat(fired.state()).isEqualTo(AlertState.FIRING);
        assertThat(fired.test()).isFalse();
        assertThat(fired.format()).isEqualTo(NotificationFormat.SLACK);
        assertThat(fired.webhook()).isEqualTo(URI.create(WEBHOOK));
        assertThat(fired.breach().metric()).isEqualTo(AlertMetric.P99);
        assertThat(fired.breach().endpoint()).isEqualTo("POST /checkout");
        assertThat(fired.breach().threshold()).isEqualTo(1000);
        assertThat(fired.breach().value()).isGreaterThan(1000);
        assertThat(Duration.between(fired.breach().from(), fired.breach().to())).isEqualTo(Duration.ofMinutes(15));
        assertThat(fired.evidence().exemplars().getFirst().traceId()).isEqualTo(stories.slowCheckout());

        // 20 minutes on, the slow checkout has left the 15-minute window and no request is in it.
        assertThat(evaluateAt(id, loaded.plus(Duration.ofMinutes(20))))
                .as("resolved")
                .isTrue();
        assertThat(evaluateAt(id, loaded.plus(Duration.ofMinutes(21)))).isFalse();
        assertThat(delivery.of(id))
                .extracting(Notification::state)
                .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        assertThat(api("/api/v1/alerts/" + id).get("state").asString()).isEqualTo("resolved");

        JsonNode events = api("/api/v1/alerts/" + id + "/events").get("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("state").asString()).isEqualTo("resolved");
        assertThat(events.get(1).get("state").asString()).isEqualTo("firing");
        assertThat(events.get(1).get("id").asLong()).isEqualTo(fired.eventId());
        assertThat(events.get(1).get("value").asDouble()).isGreaterThan(1000);
        JsonNode exemplar = events.get(1).at("/evidence/exemplars/0");
        assertThat(exemplar.get("traceId").asString()).isEqualTo(stories.slowCheckout());
        assertThat(exemplar.get("diagnosis").asString()).contains("stripe.com");
        assertThat(events.get(1).at("/evidence/setApart/0").asString()).contains("payments.Charge");
    }

    @Test
    void story2sDeployFiresTheDeployRuleOnceAcrossEvaluationsAndACleanDeployResolvesIt() throws Exception {
        long id = create("""
                {"type": "deploy", "name": "Catalog deploys", "service": "%s", "window": "1h", "webhookUrl": "%s"}""".formatted(stories.service("catalog-service"), WEBHOOK));

        List<Boolean> moved = new ArrayList<>();
        for (int minute = 0; minute < 4; minute++) {
            moved.add(evaluateAt(id, loaded.plus(Duration.ofMinutes(minute))));
        }

        assertThat(moved).containsExactly(true, false, false, false);
        List<Notification> sent = delivery.of(id);
        assertThat(sent).hasSize(1);
        Breach breach = sent.getFirst().breach();
        assertThat(breach.deploy().version()).isEqualTo("1.5.0");
        assertThat(breach.deploy().previousVersion()).isEqualTo("1.4.0");
        assertThat(breach.deploy().finding())
                .isEqualTo("N+1: " + N_PLUS_ONE + " went from 1 to 47 calls per request on GET /products");
        assertThat(breach.metric()).isNull();
        assertThat(breach.value()).isEqualTo(47);
        JsonNode events = api("/api/v1/alerts/" + id + "/events").get("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at("/deploy/version").asString()).isEqualTo("1.5.0");
        assertThat(events.get(0).at("/deploy/finding").asString()).contains("1 to 47 calls per request");
        assertThat(api("/api/v1/alerts/" + id).get("state").asString()).isEqualTo("firing");

        // 1.6.0 goes back to one SELECT per request: judged against 1.5.0, nothing regressed.
        Instant fixed = Instant.now();
        sendCleanCatalogRequests(fixed);
        assertThat(evaluateAt(id, fixed.plus(Duration.ofMinutes(5))))
                .as("resolved")
                .isTrue();
        assertThat(evaluateAt(id, fixed.plus(Duration.ofMinutes(6)))).isFalse();
        assertThat(delivery.of(id))
                .extracting(Notification::state)
                .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
        JsonNode resolved =
                api("/api/v1/alerts/" + id + "/events").get("events").get(0);
        assertThat(resolved.get("state").asString()).isEqualTo("resolved");
        assertThat(resolved.at("/deploy/version").asString()).isEqualTo("1.6.0");
        assertThat(resolved.at("/deploy/previousVersion").asString()).isEqualTo("1.5.0");
        assertThat(resolved.at("/deploy/finding").asString())
                .isEqualTo("no N+1 and nothing worse than ×1.5 the previous version");
    }

    /** Ten GET /products of catalog 1.6.0 from {@code start}, one price SELECT each; waits for 1.6.0's marker. */
    private void sendCleanCatalogRequests(Instant start) throws Exception {
        String catalog = stories.service("catalog-service");
        TraceBuilder.Service fixedVersion =
                new TraceBuilder.Service(catalog, "1.6.0", "deployment.environment.name", "production");
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int i = 0; i < 10; i++) {
            TraceBuilder trace = new TraceBuilder(new Random(i), (start.toEpochMilli() + i * 10_000L) * 1_000_000L);
            var root = trace.span(
                    fixedVersion,
                    null,
                    "GET /products",
                    SpanKind.SPAN_KIND_SERVER,
                    0,
                    40,
                    "http.request.method",
                    "GET",
                    "http.route",
                    "/products",
                    "http.response.status_code",
                    200L);
            trace.span(
                    fixedVersion,
                    root,
                    "SELECT product_prices",
                    SpanKind.SPAN_KIND_CLIENT,
                    4,
                    30,
                    "db.system.name",
                    "postgresql",
                    "db.query.text",
                    N_PLUS_ONE);
            request.addAllResourceSpans(trace.build());
        }
        HttpResponse<String> sent = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/traces"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                request.build().toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api("/api/v1/deploys?range=1h&service=" + catalog)
                                .get("deploys")
                                .size()
                        == 3);
    }

    @Test
    void evaluatingNowSendsATestNotificationWithoutMovingTheState() throws Exception {
        long id = create("""
                {"name": "Checkout p99 test", "service": "%s", "endpoint": "POST /checkout", "metric": "p99",
                 "operator": "above", "threshold": 1000, "window": "15m", "webhookUrl": "%s"}""".formatted(stories.service("checkout-service"), WEBHOOK));
        clock.set(loaded);

        HttpResponse<String> answer = post("/api/v1/alerts/" + id + "/evaluate", "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(answer.body());
        assertThat(result.get("breached").asBoolean()).isTrue();
        assertThat(result.get("state").asString()).isEqualTo("ok");
        assertThat(result.get("value").asDouble()).isGreaterThan(1000);
        assertThat(result.at("/test/test").asBoolean()).isTrue();
        List<Notification> sent = delivery.of(id);
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().test()).isTrue();
        assertThat(sent.getFirst().state()).isEqualTo(AlertState.OK);
        assertThat(sent.getFirst().eventId()).isEqualTo(result.at("/test/id").asLong());
        assertThat(api("/api/v1/alerts/" + id).get("state").asString()).isEqualTo("ok");
    }

    @Test
    void oneRuleFailingLeavesTheOthersEvaluated() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String quiet = """
                {"name": "%s", "service": "%s", "metric": "throughput", "operator": "below", "threshold": 1000,
                 "window": "5m", "webhookUrl": "%s"}""";
        long broken = create(quiet.formatted("broken", "explodes-" + tag, WEBHOOK));
        long fine = create(quiet.formatted("fine", "calm-" + tag, WEBHOOK));
        clock.set(loaded);

        evaluation.evaluateAll(loaded);

        JsonNode failed = api("/api/v1/alerts/" + broken);
        assertThat(failed.get("state").asString()).isEqualTo("ok");
        assertThat(failed.get("lastError").asString()).isEqualTo("evidence store down");
        assertThat(delivery.of(broken)).isEmpty();
        assertThat(api("/api/v1/alerts/" + fine).get("state").asString()).isEqualTo("firing");
        assertThat(delivery.of(fine)).hasSize(1);
    }

    @Test
    void theLeaseGoesToOneReplicaAtATimeAndPassesOnWhenItRunsOut() throws Exception {
        String lease = newLease();
        Instant t = Instant.now();
        Duration minute = Duration.ofMinutes(1);
        EvaluationLease a = new EvaluationLease(dataSource, lease, "replica-a");
        EvaluationLease b = new EvaluationLease(dataSource, lease, "replica-b");

        assertThat(a.claim(t, minute)).isTrue();
        assertThat(b.claim(t, minute)).isFalse();
        assertThat(b.claim(t.plusSeconds(30), minute)).isFalse();
        assertThat(a.claim(t.plusSeconds(60), minute)).as("the holder keeps it").isTrue();
        assertThat(b.claim(t.plusSeconds(119), minute)).isFalse();
        assertThat(b.claim(t.plusSeconds(120), minute)).as("run out: passed on").isTrue();
        assertThat(a.claim(t.plusSeconds(130), minute)).isFalse();

        // Eight replicas ticking at the same instant: exactly one gets it.
        Instant later = t.plus(Duration.ofHours(1));
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            EvaluationLease replica = new EvaluationLease(dataSource, lease, "replica-" + i);
            claims.add(() -> replica.claim(later, minute));
        }
        assertThat(winners(claims)).isEqualTo(1);
    }

    @Test
    void ofSchedulersTickingTogetherOneEvaluates() throws Exception {
        String lease = newLease();
        Instant t = Instant.now();
        clock.set(t);
        List<Callable<Boolean>> ticks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            AlertScheduler replica = new AlertScheduler(
                    new EvaluationLease(dataSource, lease, "scheduler-" + i), evaluation, clock, Duration.ofMinutes(1));
            ticks.add(replica::tick);
        }
        assertThat(winners(ticks)).isEqualTo(1);
    }

    /** A lease row of this test's own, free: the application's evaluation lease is left alone. */
    private String newLease() {
        String name = "test-" + UUID.randomUUID();
        new JdbcTemplate(dataSource)
                .update(
                        "INSERT INTO alert_leases (name, holder, expires_at) VALUES (?, '', ?)",
                        name,
                        OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC));
        return name;
    }

    private static int winners(List<Callable<Boolean>> tasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            int won = 0;
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                won += result.get() ? 1 : 0;
            }
            return won;
        }
    }

    /** Evaluates one rule at {@code at}; true when it transitioned. */
    private boolean evaluateAt(long id, Instant at) {
        clock.set(at);
        return evaluation.evaluate(rules.findById(id).orElseThrow(), at).isPresent();
    }

    private long create(String body) throws IOException, InterruptedException {
        HttpResponse<String> created = post("/api/v1/alerts", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asLong();
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
