package io.sightline.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body Alertmanager's webhook receiver sends ({@code version} "4"), so a receiver written for
 * Alertmanager takes Sightline's alerts unchanged: one alert per notification, grouped by rule
 * ({@code groupKey} {@code {}:{rule_id="7"}}), labels naming the rule, service, endpoint and metric,
 * annotations with the summary, the exemplars (one per line, with link and diagnosis) and what sets
 * the slow requests apart. A firing alert's {@code endsAt} is Alertmanager's zero time; a resolved
 * one's is the moment it resolved. {@code startsAt} is when the alert began firing (so a resolved
 * alert spans its whole firing), or the notification's moment for a test of a rule not firing.
 * The fingerprint is a hash of the labels, so a rule's firing and resolved alerts share it.
 */
final class AlertmanagerPayload implements Payload {

    /** What Alertmanager writes for "not ended". */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final String externalUrl;

    AlertmanagerPayload(String externalUrl) {
        this.externalUrl = externalUrl;
    }

    @Override
    public ObjectNode tree(Notification notification) {
        String status = notification.state() == AlertState.RESOLVED ? "resolved" : "firing";
        Map<String, String> labels = labels(notification);
        Map<String, String> annotations = annotations(notification);
        ObjectNode body = JSON.createObjectNode();
        body.put("version", "4");
        body.put("groupKey", "{}:{rule_id=\"" + notification.ruleId() + "\"}");
        body.put("truncatedAlerts", 0);
        body.put("status", status);
        body.put("receiver", "sightline");
        body.putObject("groupLabels").put("rule_id", Long.toString(notification.ruleId()));
        putAll(body.putObject("commonLabels"), labels);
        putAll(body.putObject("commonAnnotations"), annotations);
        body.put("externalURL", externalUrl);
        ObjectNode alert = body.putArray("alerts").addObject();
        alert.put("status", status);
        putAll(alert.putObject("labels"), labels);
        putAll(alert.putObject("annotations"), annotations);
        Instant startsAt = notification.firingSince() == null ? notification.at() : notification.firingSince();
        alert.put("startsAt", startsAt.toString());
        alert.put(
                "endsAt",
                notification.state() == AlertState.RESOLVED ? notification.at().toString() : ZERO_TIME);
        alert.put("generatorURL", generatorUrl(notification));
        alert.put("fingerprint", fingerprint(labels));
        return body;
    }

    private static Map<String, String> labels(Notification notification) {
        Breach breach = notification.breach();
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", notification.ruleName());
        labels.put("rule_id", Long.toString(notification.ruleId()));
        labels.put("service", breach.service());
        if (breach.endpoint() != null) {
            labels.put("endpoint", breach.endpoint());
        }
        labels.put(
                "metric",
                breach.metric() == null ? "n_plus_one" : breach.metric().apiName());
        if (breach.deploy() != null) {
            labels.put("version", breach.deploy().version());
        }
        if (notification.test()) {
            labels.put("test", "true");
        }
        return labels;
    }

    private static Map<String, String> annotations(Notification notification) {
        Evidence evidence = notification.evidence();
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("summary", NotificationText.summary(notification));
        if (!evidence.exemplars().isEmpty()) {
            annotations.put(
                    "exemplars",
                    String.join(
                            "\n",
                            evidence.exemplars().stream()
                                    .map(exemplar -> NotificationText.exemplar(exemplar) + " " + exemplar.link())
                                    .toList()));
        }
        if (!evidence.setApart().isEmpty()) {
            annotations.put("set_apart", String.join("\n", evidence.setApart()));
        }
        return annotations;
    }

    /** Where the alert came from: the first exemplar's trace, else the Sightline instance. */
    private String generatorUrl(Notification notification) {
        return notification.evidence().exemplars().stream()
                .findFirst()
                .map(Evidence.Exemplar::link)
                .orElse(externalUrl);
    }

    static String fingerprint(Map<String, String> labels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            labels.forEach((name, value) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0xff);
                sha.update(value.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0xff);
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void putAll(ObjectNode node, Map<String, String> values) {
        values.forEach(node::put);
    }
}
