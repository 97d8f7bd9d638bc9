package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.web.BadParameterException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class AlertRuleInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // IP literals: checked without a DNS lookup. 203.0.113.0/24 is a public (documentation) range.
    private static final WebhookUrls URLS = new WebhookUrls(false);

    static ObjectNode threshold() {
        return (ObjectNode) JSON.readTree("""
                {"name": " Checkout p99 ", "service": "checkout", "endpoint": "POST /checkout", "metric": "p99",
                 "operator": "above", "threshold": 1000, "window": "15m",
                 "webhookUrl": "https://203.0.113.10/hook", "format": "slack"}""");
    }

    static ObjectNode deploy() {
        return (ObjectNode) JSON.readTree("""
                {"type": "deploy", "name": "Catalog deploys", "service": "catalog",
                 "webhookUrl": "https://203.0.113.10/hook"}""");
    }

    @Test
    void aThresholdRuleIsReadFieldByField() {
        AlertRuleInput input = AlertRuleInput.parse(threshold(), URLS);

        assertThat(input.type()).isEqualTo(RuleType.THRESHOLD);
        assertThat(input.name()).isEqualTo("Checkout p99");
        assertThat(input.endpoint()).isEqualTo("POST /checkout");
        assertThat(input.metric()).isEqualTo(AlertMetric.P99);
        assertThat(input.operator()).isEqualTo(AlertOperator.ABOVE);
        assertThat(input.threshold()).isEqualTo(1000.0);
        assertThat(input.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(input.format()).isEqualTo(NotificationFormat.SLACK);
        assertThat(input.factor()).isNull();
    }

    @Test
    void aDeployRuleTakesDefaultsForFactorWindowAndFormat() {
        AlertRuleInput input = AlertRuleInput.parse(deploy(), URLS);

        assertThat(input.type()).isEqualTo(RuleType.DEPLOY);
        assertThat(input.factor()).isEqualTo(1.5);
        assertThat(input.window()).isEqualTo(Duration.ofHours(1));
        assertThat(input.format()).isEqualTo(NotificationFormat.JSON);
        assertThat(input.metric()).isNull();
        assertThat(input.threshold()).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "metric | \"p42\" | must be one of p50, p90, p95, p99, error_rate, throughput",
                "operator | \"over\" | must be one of above, below",
                "threshold | \"1000\" | must be a number",
                "threshold | -1 | must not be negative",
                "window | \"4m\" | from 5m to 24h",
                "window | \"25h\" | from 5m to 24h",
                "window | \"1d\" | from 5m to 24h",
                "window | 15 | must be a string",
                "webhookUrl | \"ftp://203.0.113.10/x\" | must be an http or https URL",
                "webhookUrl | \"http://127.0.0.1:9000/x\" | points at a private address",
                "webhookUrl | \"https://user:pw@203.0.113.10/x\" | must not carry a user name",
                "format | \"xml\" | must be one of json, slack, alertmanager",
                "type | \"latency\" | must be one of threshold, deploy",
                "factor | 2 | only deploy rules",
                "treshold | 5 | is not a field of an alert rule",
                "name | \"\" | is required",
                "name | null | is required",
                "service | \"  \" | is required",
            })
    void aBadThresholdRuleIsRefusedNamingTheField(String field, String value, String message) {
        ObjectNode body = threshold();
        body.set(field, JSON.readTree(value));

        assertRefused(body, field, message);
    }

    @Test
    void anErrorRateThresholdIsAFraction() {
        ObjectNode body = threshold();
        body.put("metric", "error_rate");
        body.put("threshold", 5);

        assertRefused(body, "threshold", "fraction from 0 to 1");
    }

    @Test
    void missingFieldsAreNamed() {
        for (String field : new String[] {"metric", "operator", "threshold", "window", "webhookUrl"}) {
            ObjectNode body = threshold();
            body.remove(field);
            assertRefused(body, field, "is required");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "threshold | 1000 | no threshold: set factor",
                "metric | \"p95\" | no metric",
                "operator | \"above\" | no operator",
                "endpoint | \"GET /x\" | every endpoint",
                "factor | 1 | must be above 1",
                "factor | \"2\" | must be a number",
                "window | \"3m\" | from 5m to 24h",
            })
    void aBadDeployRuleIsRefusedNamingTheField(String field, String value, String message) {
        ObjectNode body = deploy();
        body.set(field, JSON.readTree(value));

        assertRefused(body, field, message);
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertRefused(JSON.readTree("[1]"), "body", "JSON object");
    }

    @Test
    void windowsPrintAsTheyAreWritten() {
        assertThat(AlertRuleInput.format(AlertRuleInput.window("90m"))).isEqualTo("90m");
        assertThat(AlertRuleInput.format(AlertRuleInput.window("120m"))).isEqualTo("2h");
        assertThat(AlertRuleInput.format(AlertRuleInput.window("24h"))).isEqualTo("24h");
    }

    private static void assertRefused(JsonNode body, String field, String message) {
        assertThatThrownBy(() -> AlertRuleInput.parse(body, URLS))
                .isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("'" + field + "' ")
                .hasMessageContaining(message)
                .satisfies(
                        e -> assertThat(((BadParameterException) e).parameter()).isEqualTo(field));
    }
}
