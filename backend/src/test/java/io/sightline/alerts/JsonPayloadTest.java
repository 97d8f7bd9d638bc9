package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JsonPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aFiringThresholdRuleCarriesItsNumbersWindowExemplarsAndWhatSetsTheSlowRequestsApart() {
        byte[] body = new JsonPayload().body(Notifications.firing(NotificationFormat.JSON));

        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("""
                {
                  "eventId": 42,
                  "ruleId": 7,
                  "rule": "checkout p99",
                  "state": "firing",
                  "test": false,
                  "at": "2026-11-30T12:31:00Z",
                  "summary": "p99 of checkout-service POST /checkout is 1.20 s, above the line of 1.00 s (2026-11-30 12:00–12:30 UTC)",
                  "service": "checkout-service",
                  "endpoint": "POST /checkout",
                  "metric": "p99",
                  "operator": "above",
                  "value": 1200.0,
                  "threshold": 1000.0,
                  "unit": "ms",
                  "window": {"from": "2026-11-30T12:00:00Z", "to": "2026-11-30T12:30:00Z"},
                  "deploy": null,
                  "exemplars": [
                    {
                      "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
                      "durationMs": 1200.0,
                      "link": "https://sightline.example.com/traces/4bf92f3577b34da6a3ce929d0e0e4736",
                      "diagnosis": "the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); the bottleneck is an external dependency"
                    }
                  ],
                  "setApart": ["region=\\"eu\\"\\n<!channel> & <https://evil.example|click>"]
                }
                """));
    }

    @Test
    void aResolvedDeployRegressionTestNamesTheVersionsAndHasNoUnitForAnNPlusOne() {
        Breach breach = new Breach(
                1,
                "catalog-service",
                "GET /products",
                null,
                "above",
                1,
                47,
                Instant.parse("2026-11-30T23:50:00Z"),
                Instant.parse("2026-12-01T00:20:00Z"),
                new Breach.DeployRegression(
                        "1.5.0", "1.4.0", "SELECT * FROM product_prices WHERE product_id = $1 runs 1 → 47 times"));
        byte[] body = new JsonPayload()
                .body(Notifications.of(AlertState.RESOLVED, true, NotificationFormat.JSON, breach, Evidence.none()));

        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("""
                {
                  "eventId": 42,
                  "ruleId": 7,
                  "rule": "checkout p99",
                  "state": "resolved",
                  "test": true,
                  "at": "2026-11-30T12:31:00Z",
                  "summary": "catalog-service 1.5.0 against 1.4.0: SELECT * FROM product_prices WHERE product_id = $1 runs 1 → 47 times (2026-11-30 23:50–2026-12-01 00:20 UTC)",
                  "service": "catalog-service",
                  "endpoint": "GET /products",
                  "metric": null,
                  "operator": "above",
                  "value": 47.0,
                  "threshold": 1.0,
                  "unit": null,
                  "window": {"from": "2026-11-30T23:50:00Z", "to": "2026-12-01T00:20:00Z"},
                  "deploy": {
                    "version": "1.5.0",
                    "previousVersion": "1.4.0",
                    "finding": "SELECT * FROM product_prices WHERE product_id = $1 runs 1 → 47 times"
                  },
                  "exemplars": [],
                  "setApart": []
                }
                """));
    }
}
