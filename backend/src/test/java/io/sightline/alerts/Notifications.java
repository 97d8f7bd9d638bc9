package io.sightline.alerts;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Notifications with known contents, for the payload tests; span-derived text carries JSON and Slack syntax. */
final class Notifications {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String DIAGNOSIS =
            "the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); "
                    + "the bottleneck is an external dependency";
    /** An attribute value as a service might send it: quotes, a newline, and Slack's control characters. */
    static final String HOSTILE = "region=\"eu\"\n<!channel> & <https://evil.example|click>";

    private Notifications() {}

    static Breach checkoutBreach() {
        return new Breach(
                1,
                "checkout-service",
                "POST /checkout",
                AlertMetric.P99,
                "above",
                1000,
                1200,
                Instant.parse("2026-11-30T12:00:00Z"),
                Instant.parse("2026-11-30T12:30:00Z"),
                null);
    }

    static Evidence checkoutEvidence() {
        return new Evidence(
                List.of(new Evidence.Exemplar(
                        TRACE, 1200.0, "https://sightline.example.com/traces/" + TRACE, DIAGNOSIS)),
                List.of(HOSTILE));
    }

    /** When the resolved notifications' alert began firing. */
    static final Instant FIRING_SINCE = Instant.parse("2026-11-30T12:10:00Z");

    static Notification of(
            AlertState state, boolean test, NotificationFormat format, Breach breach, Evidence evidence) {
        Instant at = Instant.parse("2026-11-30T12:31:00Z");
        Instant firingSince = switch (state) {
            case FIRING -> at;
            case RESOLVED -> FIRING_SINCE;
            case OK -> null;
        };
        return new Notification(
                42,
                7,
                "checkout p99",
                URI.create("https://hooks.example.com/services/T0/B0/secret"),
                format,
                state,
                test,
                at,
                firingSince,
                breach,
                evidence);
    }

    static Notification firing(NotificationFormat format) {
        return of(AlertState.FIRING, false, format, checkoutBreach(), checkoutEvidence());
    }

    /** The firing checkout notification as event {@code eventId}, to {@code webhook}. */
    static Notification firing(long eventId, URI webhook, NotificationFormat format) {
        Notification firing = firing(format);
        return new Notification(
                eventId,
                firing.ruleId(),
                firing.ruleName(),
                webhook,
                format,
                firing.state(),
                firing.test(),
                firing.at(),
                firing.firingSince(),
                firing.breach(),
                firing.evidence());
    }

    /** The outcome {@code delivered} gets for {@code notification}, once it is there. */
    static NotificationDelivered awaitOutcome(List<NotificationDelivered> delivered, Notification notification) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> delivered.stream()
                                .filter(event -> event.eventId() == notification.eventId())
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
