package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.sightline.web.PublicUrl;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * The application's notifier against a webhook receiver started by the test: every format arrives
 * with its body and content type, a failing webhook is retried until it takes the notification, a
 * refusal is not retried, and a webhook that hangs never holds up {@code send} or other webhooks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryIT extends WebhooksAllowedTest {

    @Autowired
    private AlertNotifier notifier;

    @Autowired
    private PublicUrl publicUrl;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ConfigurableApplicationContext context;

    private final List<NotificationDelivered> delivered = new CopyOnWriteArrayList<>();
    private WebhookReceiver receiver;

    @BeforeAll
    void startTheReceiver() throws Exception {
        receiver = new WebhookReceiver();
        context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof NotificationDelivered outcome) {
                delivered.add(outcome);
            }
        });
    }

    @AfterAll
    void stopTheReceiver() {
        receiver.close();
    }

    @Test
    void eachFormatArrivesAsItsPayloadWithAJsonContentType() {
        for (NotificationFormat format : NotificationFormat.values()) {
            Notification notification = notification("/" + format, format);
            notifier.send(notification);

            var outcome = Notifications.awaitOutcome(delivered, notification);
            assertThat(outcome.outcome()).isEqualTo(NotificationDelivered.Outcome.SENT);
            assertThat(outcome.attempts()).isEqualTo(1);
            WebhookReceiver.Received received = receiver.received("/" + format).getFirst();
            assertThat(received.contentType()).isEqualTo("application/json");
            assertThat(JSON.readTree(received.body()))
                    .isEqualTo(
                            JSON.readTree(Payload.of(format, publicUrl.base()).body(notification)));
        }
        assertThat(JSON.readTree(receiver.received("/ALERTMANAGER").getFirst().body())
                        .get("externalURL")
                        .asString())
                .isEqualTo("http://localhost:" + port);
    }

    @Test
    void aWebhookAnswering503TwiceGetsTheNotificationOnceOnTheThirdAttempt() {
        receiver.script("/flaky", 503, 503);
        double retriedBefore = counter("sightline.alerts.notification.retries", "json", null);
        Notification notification = notification("/flaky", NotificationFormat.JSON);

        notifier.send(notification);

        var outcome = Notifications.awaitOutcome(delivered, notification);
        assertThat(outcome)
                .isEqualTo(new NotificationDelivered(
                        notification.eventId(), notification.ruleId(), NotificationDelivered.Outcome.SENT, 3, ""));
        assertThat(receiver.received("/flaky")).hasSize(3);
        assertThat(counter("sightline.alerts.notification.retries", "json", null) - retriedBefore)
                .isEqualTo(2);
    }

    @Test
    void aBadRequestIsNotRetried() {
        receiver.script("/refuses", 400);
        double failedBefore = counter("sightline.alerts.notifications", "slack", "failed");
        Notification notification = notification("/refuses", NotificationFormat.SLACK);

        notifier.send(notification);

        assertThat(Notifications.awaitOutcome(delivered, notification))
                .isEqualTo(new NotificationDelivered(
                        notification.eventId(),
                        notification.ruleId(),
                        NotificationDelivered.Outcome.FAILED,
                        1,
                        "HTTP 400 (scripted 400)"));
        assertThat(receiver.received("/refuses")).hasSize(1);
        assertThat(counter("sightline.alerts.notifications", "slack", "failed") - failedBefore)
                .isEqualTo(1);
    }

    @Test
    void aHangingWebhookNeverBlocksSendNorOtherWebhooks() {
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            notifier.send(notification("/hang", NotificationFormat.JSON));
        }
        Notification other = notification("/beside-the-hanging-one", NotificationFormat.JSON);
        notifier.send(other);
        Duration sending = Duration.ofNanos(System.nanoTime() - started);

        assertThat(sending).isLessThan(Duration.ofMillis(500));
        assertThat(Notifications.awaitOutcome(delivered, other).outcome())
                .isEqualTo(NotificationDelivered.Outcome.SENT);
        receiver.release();
    }

    private double counter(String name, String format, String outcome) {
        var search = meters.find(name).tag("format", format);
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.counter().count();
    }

    private Notification notification(String path, NotificationFormat format) {
        return Notifications.firing(
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), receiver.url(path), format);
    }
}
