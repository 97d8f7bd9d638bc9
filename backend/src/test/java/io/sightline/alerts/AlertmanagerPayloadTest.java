package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AlertmanagerPayloadTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AlertmanagerPayload payload = new AlertmanagerPayload("https://sightline.example.com");

    @Test
    void aFiringAlertHasAlertmanagersVersion4ShapeWithTheEvidenceInItsAnnotations() {
        byte[] body = payload.body(Notifications.firing(NotificationFormat.ALERTMANAGER));

        String labels = """
                {
                  "alertname": "checkout p99",
                  "endpoint": "POST /checkout",
                  "metric": "p99",
                  "rule_id": "7",
                  "service": "checkout-service"
                }""";
        String annotations = """
                {
                  "exemplars": "1.20 s trace 4bf92f3577b34da6a3ce929d0e0e4736: the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); the bottleneck is an external dependency https://sightline.example.com/traces/4bf92f3577b34da6a3ce929d0e0e4736",
                  "set_apart": "region=\\"eu\\"\\n<!channel> & <https://evil.example|click>",
                  "summary": "p99 of checkout-service POST /checkout is 1.20 s, above the line of 1.00 s (2026-11-30 12:00–12:30 UTC)"
                }""";
        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("""
                {
                  "version": "4",
                  "groupKey": "{}:{rule_id=\\"7\\"}",
                  "truncatedAlerts": 0,
                  "status": "firing",
                  "receiver": "sightline",
                  "groupLabels": {"rule_id": "7"},
                  "commonLabels": %s,
                  "commonAnnotations": %s,
                  "externalURL": "https://sightline.example.com",
                  "alerts": [
                    {
                      "status": "firing",
                      "labels": %s,
                      "annotations": %s,
                      "startsAt": "2026-11-30T12:31:00Z",
                      "endsAt": "0001-01-01T00:00:00Z",
                      "generatorURL": "https://sightline.example.com/traces/4bf92f3577b34da6a3ce929d0e0e4736",
                      "fingerprint": "%s"
                    }
                  ]
                }
                """.formatted(
                        labels, annotations, labels, annotations, fingerprintOf(labels))));
    }

    @Test
    void aResolvedAlertStartsWhenItBeganFiringEndsWhenItResolvedAndKeepsTheFiringOnesFingerprint() {
        JsonNode firing = JSON.readTree(payload.body(Notifications.firing(NotificationFormat.ALERTMANAGER)));
        JsonNode resolved = JSON.readTree(payload.body(Notifications.of(
                AlertState.RESOLVED,
                false,
                NotificationFormat.ALERTMANAGER,
                Notifications.checkoutBreach(),
                Evidence.none())));

        JsonNode alert = resolved.get("alerts").get(0);
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(alert.get("status").asString()).isEqualTo("resolved");
        assertThat(alert.get("startsAt").asString()).isEqualTo(Notifications.FIRING_SINCE.toString());
        assertThat(alert.get("endsAt").asString()).isEqualTo("2026-11-30T12:31:00Z");
        assertThat(alert.get("generatorURL").asString()).isEqualTo("https://sightline.example.com");
        assertThat(alert.get("annotations").propertyNames()).containsExactly("summary");
        assertThat(alert.get("fingerprint"))
                .isEqualTo(firing.get("alerts").get(0).get("fingerprint"));
    }

    @Test
    void aTestOfARuleNotFiringStartsAtTheTest() {
        JsonNode tested = JSON.readTree(payload.body(Notifications.of(
                AlertState.OK,
                true,
                NotificationFormat.ALERTMANAGER,
                Notifications.checkoutBreach(),
                Evidence.none())));

        JsonNode alert = tested.get("alerts").get(0);
        assertThat(alert.get("startsAt").asString()).isEqualTo("2026-11-30T12:31:00Z");
        assertThat(alert.get("endsAt").asString()).isEqualTo(AlertmanagerPayload.ZERO_TIME);
        assertThat(alert.at("/labels/test").asString()).isEqualTo("true");
    }

    @Test
    void theFingerprintIsSixteenHexDigitsThatChangeWithAnyLabel() {
        var one = new TreeMap<>(Map.of("alertname", "a", "rule_id", "1"));
        var other = new TreeMap<>(Map.of("alertname", "a", "rule_id", "2"));

        assertThat(AlertmanagerPayload.fingerprint(one)).matches("[0-9a-f]{16}");
        assertThat(AlertmanagerPayload.fingerprint(one)).isNotEqualTo(AlertmanagerPayload.fingerprint(other));
    }

    private static String fingerprintOf(String labels) {
        var map = new TreeMap<String, String>();
        JSON.readTree(labels)
                .properties()
                .forEach(entry -> map.put(entry.getKey(), entry.getValue().asString()));
        return AlertmanagerPayload.fingerprint(map);
    }
}
