package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier's own rules, with a receiver on loopback: the URL re-check, a full queue, shutdown. */
class WebhookNotifierTest {

    private final List<NotificationDelivered> delivered = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong eventIds = new AtomicLong();
    private WebhookReceiver receiver;

    @BeforeEach
    void startTheReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    @Test
    void aUrlThatNowPointsAtAPrivateAddressIsRefusedBeforeAnyAttempt() throws Exception {
        try (WebhookNotifier notifier = notifier(false, Duration.ofSeconds(1), 10)) {
            Notification notification = notification("/private");
            notifier.send(notification);

            NotificationDelivered outcome = Notifications.awaitOutcome(delivered, notification);
            assertThat(outcome.outcome()).isEqualTo(NotificationDelivered.Outcome.FAILED);
            assertThat(outcome.attempts()).isZero();
            assertThat(outcome.detail()).startsWith("webhookUrl points at a private address (127.0.0.1)");
            assertThat(receiver.received("/private")).isEmpty();
        }
    }

    @Test
    void pastItsCapacityANotificationIsDroppedAndCountedWithoutWaiting() throws Exception {
        try (WebhookNotifier notifier = notifier(true, Duration.ofSeconds(1), 2)) {
            notifier.send(notification("/hang"));
            notifier.send(notification("/hang"));
            Notification third = notification("/hang");
            long started = System.nanoTime();
            notifier.send(third);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
            assertThat(Notifications.awaitOutcome(delivered, third))
                    .isEqualTo(new NotificationDelivered(
                            third.eventId(),
                            7,
                            NotificationDelivered.Outcome.DROPPED,
                            0,
                            "the notifier's queue is full"));
            assertThat(meters.get("sightline.alerts.notifications")
                            .tags("format", "json", "outcome", "dropped")
                            .counter()
                            .count())
                    .isEqualTo(1);
            receiver.release();
        }
    }

    @Test
    void onShutdownANotificationWaitingToRetryIsTriedOnceMoreAtOnce() throws Exception {
        receiver.script("/down", 503, 503, 503, 503);
        WebhookNotifier notifier = notifier(true, Duration.ofSeconds(30), 10);
        Notification notification = notification("/down");
        notifier.send(notification);
        // Waiting to retry: the retry is counted as the wait begins.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("sightline.alerts.notification.retries")
                                .tags("format", "json")
                                .counter()
                                .count()
                        == 1);

        long started = System.nanoTime();
        notifier.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(Notifications.awaitOutcome(delivered, notification))
                .isEqualTo(new NotificationDelivered(
                        notification.eventId(),
                        7,
                        NotificationDelivered.Outcome.FAILED,
                        2,
                        "HTTP 503 (scripted 503); not tried again: the server is stopping"));
        assertThat(receiver.received("/down")).hasSize(2);
    }

    private WebhookNotifier notifier(boolean allowPrivate, Duration maxBackoff, int capacity) {
        return new WebhookNotifier(
                new AlertsProperties.Webhooks(allowPrivate, Duration.ofSeconds(5), 8, maxBackoff),
                () -> "https://sightline.example.com",
                event -> delivered.add((NotificationDelivered) event),
                meters,
                capacity);
    }

    private Notification notification(String path) {
        return Notifications.firing(eventIds.incrementAndGet(), receiver.url(path), NotificationFormat.JSON);
    }
}
