package io.sightline.alerts;

import io.sightline.IntegrationTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with webhooks allowed on loopback (a receiver started by the test), short
 * backoff, so retries happen within a test, and the alerts' clock movable by the test ({@link
 * MovableClock}: the system's time until a test sets it). Alert ITs extend it to share one
 * application context.
 */
@Import(MovableClock.Config.class)
@TestPropertySource(
        properties = {
            "sightline.alerts.webhooks.allow-private-addresses=true",
            "sightline.alerts.webhooks.max-backoff=100ms",
            "sightline.alerts.webhooks.max-attempts=4",
            "sightline.alerts.webhooks.timeout=2s"
        })
abstract class WebhooksAllowedTest extends IntegrationTest {}
