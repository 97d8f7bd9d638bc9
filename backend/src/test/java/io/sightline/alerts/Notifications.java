package io.sightline.alerts;

import java.net.URI;
import java.time.Instant;
import java.util.List;

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

    static Notification of(
            AlertState state, boolean test, NotificationFormat format, Breach breach, Evidence evidence) {
        return new Notification(
                42,
                7,
                "checkout p99",
                URI.create("https://hooks.example.com/services/T0/B0/secret"),
                format,
                state,
                test,
                Instant.parse("2026-11-30T12:31:00Z"),
                breach,
                evidence);
    }

    static Notification firing(NotificationFormat format) {
        return of(AlertState.FIRING, false, format, checkoutBreach(), checkoutEvidence());
    }
}
