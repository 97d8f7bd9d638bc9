package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sightline.demo.StoryFixture;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12's "done when", the whole path with the application's own evidence and notifier: rules
 * created through the API with a manage key, evaluated at moved times, notifications received by a
 * webhook started by the test, in each format, and their delivery outcome in the rule's history (API
 * and page). Story 1's {@code POST /checkout} p99 above 1 s fires with the slow checkout and its
 * Stripe diagnosis, then resolves; story 2's deploy fires the deploy rule once with 1 → 47; a webhook
 * answering 503 first gets the notification on the second attempt, once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsEndToEndIT extends WebhooksAllowedTest {

    private static final String STRIPE_DIAGNOSIS = "the external call POST stripe.com/v1/charges accounts for 940 ms "
            + "of 1.20 s (78 %); the bottleneck is an external dependency";

    @Autowired
    MovableClock clock;

    @Autowired
    AlertEvaluation evaluation;

    @Autowired
    AlertRuleRepository rules;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Projects projects;

    private StoryFixture stories;
    private Instant loaded;
    private String manageKey;
    private WebhookReceiver receiver;

    @BeforeAll
    void loadTheStoriesAndStartTheReceiver() throws IOException {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        // To the millisecond, as the metadata database keeps a rule's state time.
        loaded = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        manageKey = apiKeys.issue(projects.defaultProjectId(), "alerts-e2e", EnumSet.of(Scope.READ, Scope.MANAGE))
                .secret();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    void stopTheReceiver() {
        receiver.close();
    }

    @Test
    void story1sCheckoutFiresWithTheStripeExemplarThenResolvesInEachFormat() throws Exception {
        long json = checkoutRule("json", "/checkout-json");
        long slack = checkoutRule("slack", "/checkout-slack");
        long alertmanager = checkoutRule("alertmanager", "/checkout-alertmanager");

        for (long id : List.of(json, slack, alertmanager)) {
            assertThat(evaluateAt(id, loaded)).as("fired").isTrue();
            deliveredHistory(id, 1);
            assertThat(evaluateAt(id, loaded.plus(Duration.ofMinutes(1))))
                    .as("still firing: no news")
                    .isFalse();
            // 20 minutes on, the slow checkout has left the 15-minute window.
            assertThat(evaluateAt(id, loaded.plus(Duration.ofMinutes(20))))
                    .as("resolved")
                    .isTrue();
            deliveredHistory(id, 2);
        }

        List<JsonNode> jsonBodies = bodies("/checkout-json", 2);
        assertThat(jsonBodies).extracting(body -> body.get("state").asString()).containsExactly("firing", "resolved");
        JsonNode fired = jsonBodies.getFirst();
        assertThat(fired.get("value").asDouble()).isGreaterThan(1000);
        assertThat(fired.get("threshold").asDouble()).isEqualTo(1000);
        assertThat(fired.get("exemplars")).anySatisfy(exemplar -> {
            assertThat(exemplar.get("traceId").asString()).isEqualTo(stories.slowCheckout());
            assertThat(exemplar.get("diagnosis").asString()).isEqualTo(STRIPE_DIAGNOSIS);
            assertThat(exemplar.get("link").asString())
                    .isEqualTo("http://localhost:" + port + "/traces/" + stories.slowCheckout());
        });

        List<JsonNode> slackBodies = bodies("/checkout-slack", 2);
        assertThat(slackBodies.get(0).get("text").asString()).startsWith("FIRING: Checkout p99 slack");
        assertThat(slackBodies.get(0).get("blocks").toString())
                .contains(stories.slowCheckout().substring(0, 12))
                .contains("POST stripe.com/v1/charges accounts for 940 ms");
        assertThat(slackBodies.get(1).get("text").asString()).startsWith("RESOLVED: Checkout p99 slack");

        List<JsonNode> alertmanagerBodies = bodies("/checkout-alertmanager", 2);
        JsonNode firing = alertmanagerBodies.get(0).get("alerts").get(0);
        JsonNode resolved = alertmanagerBodies.get(1).get("alerts").get(0);
        assertThat(firing.at("/annotations/exemplars").asString())
                .contains(stories.slowCheckout())
                .contains(STRIPE_DIAGNOSIS);
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(Instant.parse(resolved.get("startsAt").asString()))
                .as("a resolved alert started when it began firing")
                .isEqualTo(Instant.parse(firing.get("startsAt").asString()))
                .isEqualTo(loaded);
        assertThat(Instant.parse(resolved.get("endsAt").asString())).isEqualTo(loaded.plus(Duration.ofMinutes(20)));

        JsonNode history = deliveredHistory(json, 2);
        assertThat(history).extracting(event -> event.get("state").asString()).containsExactly("resolved", "firing");
        assertThat(history).allSatisfy(event -> {
            assertThat(event.at("/delivery/outcome").asString()).isEqualTo("sent");
            assertThat(event.at("/delivery/attempts").asInt()).isEqualTo(1);
        });
        assertThat(history.get(1).get("id").asLong())
                .isEqualTo(fired.get("eventId").asLong());
        assertThat(history.get(1).at("/evidence/exemplars/0/traceId").asString())
                .isEqualTo(stories.slowCheckout());
    }

    @Test
    void story2sDeployFiresTheNPlusOneRuleOnceAcrossEvaluations() throws Exception {
        long id = create("""
                {"type": "deploy", "name": "Catalog deploys", "service": "%s", "window": "1h",
                 "webhookUrl": "%s", "format": "json"}""".formatted(stories.service("catalog-service"), receiver.url("/deploys")));

        int transitions = 0;
        for (int minute = 0; minute < 4; minute++) {
            transitions += evaluateAt(id, loaded.plus(Duration.ofMinutes(minute))) ? 1 : 0;
        }

        assertThat(transitions).isEqualTo(1);
        deliveredHistory(id, 1);
        List<WebhookReceiver.Received> received = receiver.received("/deploys");
        assertThat(received).hasSize(1);
        JsonNode body = JSON.readTree(received.getFirst().body());
        assertThat(body.get("state").asString()).isEqualTo("firing");
        assertThat(body.at("/deploy/previousVersion").asString()).isEqualTo("1.4.0");
        assertThat(body.at("/deploy/version").asString()).isEqualTo("1.5.0");
        assertThat(body.at("/deploy/finding").asString())
                .isEqualTo("N+1: SELECT * FROM product_prices WHERE product_id = $1 went from 1 to 47 calls per"
                        + " request on GET /products");
        assertThat(body.get("summary").asString()).contains("went from 1 to 47 calls per request");
        assertThat(body.get("exemplars")).isNotEmpty();
    }

    @Test
    void aWebhookAnswering503IsRetriedAndGetsTheNotificationOnceWithTheOutcomeInTheHistory() throws Exception {
        receiver.script("/flaky", 503);
        long id = checkoutRule("json", "/flaky");

        assertThat(evaluateAt(id, loaded)).isTrue();

        JsonNode event = deliveredHistory(id, 1).get(0);
        assertThat(event.get("delivery").get("outcome").asString()).isEqualTo("sent");
        assertThat(event.get("delivery").get("attempts").asInt()).isEqualTo(2);
        List<WebhookReceiver.Received> attempts = receiver.received("/flaky");
        assertThat(attempts).hasSize(2);
        assertThat(attempts)
                .extracting(
                        attempt -> JSON.readTree(attempt.body()).get("eventId").asLong())
                .containsOnly(event.get("id").asLong());
        String page = signIn("admin", ADMIN_PASSWORD)
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alerts/" + id))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(page).contains("Notification sent after 2 attempts");
    }

    private long checkoutRule(String format, String path) throws IOException, InterruptedException {
        return create("""
                {"name": "Checkout p99 %s", "service": "%s", "endpoint": "POST /checkout", "metric": "p99",
                 "operator": "above", "threshold": 1000, "window": "15m", "webhookUrl": "%s", "format": "%s"}""".formatted(format, stories.service("checkout-service"), receiver.url(path), format));
    }

    /** The rule's history once each of its {@code count} events has its delivery outcome, newest first. */
    private JsonNode deliveredHistory(long id, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api("/api/v1/alerts/" + id + "/events").get("events"),
                        events -> events.size() == count && allDelivered(events));
    }

    private static boolean allDelivered(JsonNode events) {
        for (JsonNode event : events) {
            if (!event.hasNonNull("delivery")) {
                return false;
            }
        }
        return true;
    }

    /** What {@code path} received, in order: exactly {@code count} bodies. */
    private List<JsonNode> bodies(String path, int count) {
        List<WebhookReceiver.Received> received = receiver.received(path);
        assertThat(received).hasSize(count);
        return received.stream().map(body -> JSON.readTree(body.body())).toList();
    }

    /** Evaluates one rule at {@code at}, as the scheduler's tick would; true when it transitioned. */
    private boolean evaluateAt(long id, Instant at) {
        clock.set(at);
        return evaluation.evaluate(rules.findById(id).orElseThrow(), at).isPresent();
    }

    private long create(String body) throws IOException, InterruptedException {
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts"))
                        .header("Authorization", "Bearer " + manageKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asLong();
    }
}
