package io.sightline.alerts;

import io.sightline.IntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with webhooks allowed on loopback (a receiver started by the test) and short
 * backoff, so retries happen within a test. Alert ITs extend it to share one application context.
 */
@TestPropertySource(
        properties = {
            "sightline.alerts.webhooks.allow-private-addresses=true",
            "sightline.alerts.webhooks.max-backoff=100ms",
            "sightline.alerts.webhooks.max-attempts=4",
            "sightline.alerts.webhooks.timeout=2s"
        })
abstract class WebhooksAllowedTest extends IntegrationTest {}
