package io.sightline.alerts;

import io.sightline.web.BadParameterException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A rule as a client defines it, checked: what {@code POST} and {@code PUT /api/v1/alerts} and the
 * alerts page's form accept. Every problem is a {@link BadParameterException} naming the field.
 *
 * @param endpoint null: every endpoint of the service (threshold rules only)
 * @param metric, operator, threshold set for threshold rules only
 * @param factor set for deploy rules only
 * @param window a threshold rule's window; for a deploy rule, how long before and after a deploy the
 *     two versions are compared (and so how long a deploy is watched)
 */
record AlertRuleInput(
        RuleType type,
        String name,
        String service,
        String endpoint,
        AlertMetric metric,
        AlertOperator operator,
        Double threshold,
        Duration window,
        Double factor,
        String webhookUrl,
        NotificationFormat format) {

    static final Duration MIN_WINDOW = Duration.ofMinutes(5);
    static final Duration MAX_WINDOW = Duration.ofHours(24);
    static final double DEFAULT_FACTOR = 1.5;
    static final String DEFAULT_DEPLOY_WINDOW = "1h";

    private static final Set<String> FIELDS = Set.of(
            "type",
            "name",
            "service",
            "endpoint",
            "metric",
            "operator",
            "threshold",
            "window",
            "factor",
            "webhookUrl",
            "format");
    private static final Pattern WINDOW = Pattern.compile("([0-9]{1,5})([mh])");

    /** The rule {@code body} defines; its webhook checked by {@code urls}. */
    static AlertRuleInput parse(JsonNode body, WebhookUrls urls) {
        if (body == null || !body.isObject()) {
            throw new BadParameterException("body", "must be a JSON object with the rule's fields");
        }
        for (String field : body.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new BadParameterException(
                        field,
                        "is not a field of an alert rule (fields: "
                                + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        RuleType type = choice(body, "type", RuleType.values(), RuleType::apiName, RuleType.THRESHOLD);
        String name = text(body, "name", 100, true);
        String service = text(body, "service", 200, true);
        String webhookUrl = text(body, "webhookUrl", 2000, true);
        urls.problem(webhookUrl).ifPresent(problem -> {
            throw new BadParameterException("webhookUrl", problem.replaceFirst("^webhookUrl ", ""));
        });
        NotificationFormat format = choice(
                body,
                "format",
                NotificationFormat.values(),
                f -> f.name().toLowerCase(Locale.ROOT),
                NotificationFormat.JSON);
        return type == RuleType.THRESHOLD
                ? threshold(body, name, service, webhookUrl, format)
                : deploy(body, name, service, webhookUrl, format);
    }

    private static AlertRuleInput threshold(
            JsonNode body, String name, String service, String webhookUrl, NotificationFormat format) {
        absent(body, "factor", "only deploy rules (\"type\": \"deploy\") have a factor");
        AlertMetric metric = choice(body, "metric", AlertMetric.values(), AlertMetric::apiName, null);
        AlertOperator operator = choice(body, "operator", AlertOperator.values(), AlertOperator::apiName, null);
        double threshold = number(body, "threshold");
        if (metric == AlertMetric.ERROR_RATE && (threshold < 0 || threshold > 1)) {
            throw new BadParameterException("threshold", "of error_rate is a fraction from 0 to 1 (0.05 is 5 %)");
        }
        if (threshold < 0) {
            throw new BadParameterException(
                    "threshold",
                    "must not be negative (" + (metric.isPercentile() ? "milliseconds" : "requests per minute") + ")");
        }
        Duration window = window(text(body, "window", 10, true));
        return new AlertRuleInput(
                RuleType.THRESHOLD,
                name,
                service,
                text(body, "endpoint", 200, false),
                metric,
                operator,
                threshold,
                window,
                null,
                webhookUrl,
                format);
    }

    private static AlertRuleInput deploy(
            JsonNode body, String name, String service, String webhookUrl, NotificationFormat format) {
        String thresholdOnly = "deploy rules compare a new version with the previous one; they have no ";
        absent(body, "metric", thresholdOnly + "metric (p95 and error rate are both watched)");
        absent(body, "operator", thresholdOnly + "operator");
        absent(body, "threshold", thresholdOnly + "threshold: set factor");
        absent(body, "endpoint", "deploy rules watch every endpoint of the service");
        double factor = present(body, "factor") ? number(body, "factor") : DEFAULT_FACTOR;
        if (factor <= 1 || factor > 1000) {
            throw new BadParameterException(
                    "factor", "must be above 1 and at most 1000: 1.5 fires when the new version is 50 % worse");
        }
        String window = text(body, "window", 10, false);
        return new AlertRuleInput(
                RuleType.DEPLOY,
                name,
                service,
                null,
                null,
                null,
                null,
                window(window == null ? DEFAULT_DEPLOY_WINDOW : window),
                factor,
                webhookUrl,
                format);
    }

    /** {@code 5m} … {@code 24h}: minutes or hours. */
    static Duration window(String text) {
        Matcher matcher = WINDOW.matcher(text);
        Duration window = null;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            window = matcher.group(2).equals("m") ? Duration.ofMinutes(amount) : Duration.ofHours(amount);
        }
        if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new BadParameterException("window", "must be minutes or hours from 5m to 24h, such as 15m or 1h");
        }
        return window;
    }

    /** A window as {@link #window} reads it: whole hours in {@code h}, otherwise minutes. */
    static String format(Duration window) {
        return window.toMinutes() % 60 == 0 ? window.toHours() + "h" : window.toMinutes() + "m";
    }

    private static boolean present(JsonNode body, String field) {
        return body.has(field) && !body.get(field).isNull();
    }

    private static void absent(JsonNode body, String field, String why) {
        if (present(body, field)) {
            throw new BadParameterException(field, "is not allowed here: " + why);
        }
    }

    private static String text(JsonNode body, String field, int maxLength, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            if (required) {
                throw new BadParameterException(field, "is required");
            }
            return null;
        }
        if (!node.isString()) {
            throw new BadParameterException(field, "must be a string");
        }
        String value = node.asString().strip();
        if (value.length() > maxLength) {
            throw new BadParameterException(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    private static double number(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new BadParameterException(field, "is required");
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new BadParameterException(field, "must be a number, such as 1000 (not a string)");
        }
        return node.asDouble();
    }

    private static <E> E choice(
            JsonNode body, String field, E[] values, java.util.function.Function<E, String> apiName, E fallback) {
        String given = text(body, field, 50, fallback == null);
        if (given == null) {
            return fallback;
        }
        return Arrays.stream(values)
                .filter(value -> apiName.apply(value).equals(given))
                .findFirst()
                .orElseThrow(() -> new BadParameterException(
                        field,
                        "must be one of " + Arrays.stream(values).map(apiName).collect(Collectors.joining(", "))));
    }
}
