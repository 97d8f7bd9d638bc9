package io.sightline.alerts;

import io.sightline.web.Formats;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Rules and their events as the API answers them and the page shows them; an event ({@link Event})
 * also as {@link RecentAlerts} gives it to other features.
 */
public final class AlertViews {

    private AlertViews() {}

    record Rule(
            long id,

            @Schema(description = "The project the rule belongs to")
            long projectId,

            @Schema(allowableValues = {"threshold", "deploy"})
            String type,

            String name,
            String service,

            @Schema(description = "Null: every endpoint of the service")
            String endpoint,

            @Schema(
                    description = "Threshold rules: the watched metric; null for deploy rules",
                    allowableValues = {"p50", "p90", "p95", "p99", "error_rate", "throughput"})
            String metric,

            @Schema(
                    description = "Threshold rules: above or below; null for deploy rules",
                    allowableValues = {"above", "below"})
            String operator,

            @Schema(
                    description = "Threshold rules: the line, in ms for p50…p99, 0-1 for error_rate, requests per"
                            + " minute for throughput; null for deploy rules")
            Double threshold,

            @Schema(
                    description = "Threshold rules: the window the metric is measured over, ending at each evaluation."
                            + " Deploy rules: how long before and after a deploy the two versions are compared",
                    example = "15m")
            String window,

            @Schema(
                    description =
                            "Deploy rules: how much worse than the previous version fires; null for threshold rules")
            Double factor,

            @Schema(
                    description = "Where notifications go; without the manage right only its scheme and host are"
                            + " shown, since webhook URLs often carry a token")
            String webhookUrl,

            @Schema(allowableValues = {"json", "slack", "alertmanager"})
            String format,

            @Schema(allowableValues = {"ok", "firing", "resolved"})
            String state,

            Instant stateSince,

            @Schema(
                    description = "What the last evaluation measured, in the metric's unit (deploy rules: the regressed"
                            + " value); null before the first or when there was nothing to measure")
            Double lastValue,

            Instant lastEvaluatedAt,

            @Schema(description = "Why the last evaluation failed; null when it did not")
            String lastError,

            Instant createdAt,
            Instant updatedAt) {

        /** The condition in words, for the page: "p99 above 1000 ms over 15m". */
        public String condition() {
            if (type.equals(RuleType.DEPLOY.apiName())) {
                return "a deploy with a new N+1, or p95 or error rate over ×" + plain(factor)
                        + " the previous version's (compared over " + window + " around it)";
            }
            return metric + " " + operator + " " + measure(metric, threshold) + " over " + window;
        }

        /** The last value with its unit, for the page; "—" without one. */
        public String lastValueText() {
            return lastValue == null
                    ? "—"
                    : measure(type.equals(RuleType.DEPLOY.apiName()) ? "p95" : metric, lastValue);
        }

        static Rule of(AlertRule rule, boolean manages) {
            return new Rule(
                    rule.id(),
                    rule.projectId(),
                    rule.type().apiName(),
                    rule.name(),
                    rule.service(),
                    rule.endpoint(),
                    rule.metric() == null ? null : rule.metric().apiName(),
                    rule.operator() == null ? null : rule.operator().apiName(),
                    rule.threshold(),
                    AlertRuleInput.format(rule.window()),
                    rule.factor(),
                    manages ? rule.webhookUrl() : origin(rule.webhookUrl()),
                    lower(rule.format()),
                    lower(rule.state()),
                    rule.stateSince(),
                    rule.lastValue(),
                    rule.lastEvaluatedAt(),
                    rule.lastError(),
                    rule.createdAt(),
                    rule.updatedAt());
        }
    }

    /** One transition of a rule (or a test notification), with its evidence and its notification's delivery. */
    public record Event(
            long id,
            long ruleId,

            @Schema(allowableValues = {"ok", "firing", "resolved"})
            String state,

            @Schema(
                    description =
                            "A test notification sent by POST /api/v1/alerts/{id}/evaluate; the state did not move")
            boolean test,

            Instant at,

            @Schema(description = "The metric that crossed (deploy rules: p95 or error_rate; null for an N+1)")
            String metric,

            String endpoint,

            @Schema(description = "The measured value (deploy rules: the new version's; calls per request for an N+1)")
            Double value,

            @Schema(description = "The line it was measured against")
            Double threshold,

            Instant from,
            Instant to,

            @Schema(description = "Deploy rules: the deploy judged; null for threshold rules")
            Deploy deploy,

            @Schema(
                    description =
                            "Exemplar traces (trace ID, duration, link, diagnosis) and what sets slow requests apart")
            Evidence evidence,

            @Schema(
                    description = "What became of the event's notification; null until its delivery ends (and for"
                            + " events recorded before outcomes were kept)")
            Delivery delivery) {

        /** The value against the line, with units, for the page. */
        public String valueText() {
            if (value == null) {
                return "—";
            }
            if (deploy != null && metric == null) {
                return plain(threshold) + " → " + plain(value) + " calls per request";
            }
            return measure(metric, value) + " (line " + measure(metric, threshold) + ")";
        }

        static Event of(AlertEvent event) {
            return new Event(
                    event.id(),
                    event.ruleId(),
                    lower(event.state()),
                    event.test(),
                    event.at(),
                    event.metric() == null ? null : event.metric().apiName(),
                    event.endpoint(),
                    event.measured(),
                    event.threshold(),
                    event.windowFrom(),
                    event.windowTo(),
                    event.deployVersion() == null
                            ? null
                            : new Deploy(event.deployVersion(), event.previousVersion(), event.finding()),
                    AlertHistory.evidence(event),
                    Delivery.of(event));
        }
    }

    /** A deploy rule's event: the deploy judged and what regressed. */
    public record Deploy(
            String version,
            String previousVersion,

            @Schema(description = "What regressed, as a sentence")
            String finding) {

        static Deploy of(Breach.DeployRegression deploy) {
            return deploy == null ? null : new Deploy(deploy.version(), deploy.previousVersion(), deploy.finding());
        }
    }

    /** What became of an event's notification. */
    public record Delivery(
            @Schema(
                    description = "sent: the webhook took it; failed: refused, or every attempt failed; dropped:"
                            + " never sent (the notifier's queue was full, or the server stopped)",
                    allowableValues = {"sent", "failed", "dropped"})
            String outcome,

            @Schema(description = "Delivery attempts made") int attempts,

            @Schema(description = "Why it failed or was dropped; null when sent")
            String detail,

            @Schema(description = "When the delivery ended") Instant at) {

        /** For the page: "sent after 3 attempts", "failed after 1 attempt: HTTP 400". */
        public String text() {
            return outcome + " after " + Formats.count(attempts, "attempt") + (detail == null ? "" : ": " + detail);
        }

        static Delivery of(AlertEvent event) {
            if (event.deliveryOutcome() == null) {
                return null;
            }
            String detail = event.deliveryDetail();
            return new Delivery(
                    lower(event.deliveryOutcome()),
                    event.deliveryAttempts(),
                    detail == null || detail.isBlank() ? null : detail,
                    event.deliveredAt());
        }
    }

    record Rules(List<Rule> rules) {}

    record Events(List<Event> events) {}

    record Evaluation(
            long ruleId,

            @Schema(
                    description = "The rule's state; evaluating now does not move it (the minutely evaluation does)",
                    allowableValues = {"ok", "firing", "resolved"})
            String state,

            @Schema(
                    description =
                            "Whether the rule's condition holds now (deploy rules: a deploy not yet fired regressed)")
            boolean breached,

            @Schema(description = "What was measured, in the metric's unit; null when there was nothing to measure")
            Double value,

            Double threshold,
            Instant from,
            Instant to,
            Deploy deploy,

            @Schema(description = "The test notification's event in the rule's history")
            Event test) {}

    /**
     * A value in its metric's unit, as notifications print it ({@link NotificationText#value}): a
     * duration for percentiles, a percentage for the error rate, requests/min for throughput.
     */
    static String measure(String metric, Double value) {
        if (value == null) {
            return "—";
        }
        return Arrays.stream(AlertMetric.values())
                .filter(known -> known.apiName().equals(metric))
                .findFirst()
                .map(known -> NotificationText.value(known, value))
                .orElseGet(() -> Formats.number(value));
    }

    static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** {@code https://hooks.slack.com/…}: enough to recognise the receiver, without its token. */
    static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority() + "/…";
    }
}
