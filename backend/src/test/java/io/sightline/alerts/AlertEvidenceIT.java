package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sightline.demo.StoryFixture;
import io.sightline.security.Projects;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A breach's evidence over the stories, read through the features' services as the project's reader,
 * and story 1's firing alert as a webhook receives it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertEvidenceIT extends WebhooksAllowedTest {

    private static final String STRIPE_DIAGNOSIS = "the external call POST stripe.com/v1/charges accounts for 940 ms "
            + "of 1.20 s (78 %); the bottleneck is an external dependency";

    @Autowired
    private AlertEvidence evidence;

    @Autowired
    private Projects projects;

    @Autowired
    private AlertNotifier notifier;

    private StoryFixture stories;
    private Instant from;
    private Instant to;

    @BeforeAll
    void loadTheStories() {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        to = Instant.now().plus(Duration.ofMinutes(1));
        from = to.minus(Duration.ofMinutes(40));
    }

    @Test
    void aCheckoutP99AboveOneSecondShowsTheSlowCheckoutWithItsStripeDiagnosis() {
        Evidence found = evidence.collect(breach("checkout-service", "POST /checkout", AlertMetric.P99, 1000, null));

        assertThat(found.exemplars())
                .containsExactly(new Evidence.Exemplar(
                        stories.slowCheckout(),
                        1200.0,
                        "http://localhost:" + port + "/traces/" + stories.slowCheckout(),
                        STRIPE_DIAGNOSIS));
        assertThat(found.setApart())
                .anySatisfy(sentence -> assertThat(sentence)
                        .startsWith("POST stripe.com/v1/charges takes 940 ms per request in the 1 request at or above "
                                + "p99 (1.20 s) against "));
    }

    @Test
    void aWebhookReceivesTheFiringCheckoutAlertWithTheSlowCheckoutAndItsStripeDiagnosis() throws Exception {
        Breach breach = breach("checkout-service", "POST /checkout", AlertMetric.P99, 1000, null);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            notifier.send(new Notification(
                    ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                    1,
                    "checkout p99",
                    receiver.url("/story-one"),
                    NotificationFormat.JSON,
                    AlertState.FIRING,
                    false,
                    Instant.now(),
                    Instant.now(),
                    breach,
                    evidence.collect(breach)));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !receiver.received("/story-one").isEmpty());
            JsonNode body =
                    JSON.readTree(receiver.received("/story-one").getFirst().body());
            assertThat(body.get("state").asString()).isEqualTo("firing");
            assertThat(body.get("exemplars")).anySatisfy(exemplar -> {
                assertThat(exemplar.get("traceId").asString()).isEqualTo(stories.slowCheckout());
                assertThat(exemplar.get("diagnosis").asString()).isEqualTo(STRIPE_DIAGNOSIS);
            });
        }
    }

    @Test
    void aDeploysNPlusOneShowsNewVersionTracesWithTheRepeatedStatement() {
        var deploy = new Breach.DeployRegression("1.5.0", "1.4.0", "N+1");
        Evidence found = evidence.collect(breach("catalog-service", "GET /products", null, 1, deploy));

        var afterDeploy = stories.requests("catalog-service", "GET /products").stream()
                .filter(request -> request.version().equals("1.5.0"))
                .map(StoryFixture.SentSpan::traceId)
                .toList();
        assertThat(found.exemplars()).hasSize(Evidence.MAX_EXEMPLARS).allSatisfy(exemplar -> {
            assertThat(exemplar.traceId()).isIn(afterDeploy);
            assertThat(exemplar.diagnosis())
                    .startsWith("47 sequential calls of SELECT * FROM product_prices WHERE product_id = $1");
        });
    }

    @Test
    void anErrorRateShowsTheFailedRequestAndAnotherProjectsReaderSeesNothing() {
        Evidence failed =
                evidence.collect(breach("cart-service", "POST /cart/checkout", AlertMetric.ERROR_RATE, 0.01, null));
        Breach elsewhere = new Breach(
                projects.create("alerts-elsewhere-" + stories.tag()),
                stories.service("checkout-service"),
                "POST /checkout",
                AlertMetric.P99,
                "above",
                1000,
                1200,
                from,
                to,
                null);

        assertThat(failed.exemplars())
                .extracting(Evidence.Exemplar::traceId)
                .containsExactly(stories.failingUserRequest());
        assertThat(evidence.collect(elsewhere)).isEqualTo(Evidence.none());
    }

    private Breach breach(
            String service, String endpoint, AlertMetric metric, double threshold, Breach.DeployRegression deploy) {
        return new Breach(
                projects.defaultProjectId(),
                stories.service(service),
                endpoint,
                metric,
                "above",
                threshold,
                threshold * 1.2,
                from,
                to,
                deploy);
    }
}
