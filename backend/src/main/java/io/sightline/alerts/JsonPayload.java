package io.sightline.alerts;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sightline's own JSON: the rule, the state, whether it is a test, the value against the threshold
 * in {@code unit} ({@code ms}, {@code ratio} 0–1, {@code requests/min}; null for an N+1), the window
 * (ISO-8601 UTC), the service and endpoint, the deploy's versions, the exemplars with their diagnosis,
 * what sets the slow requests apart, and {@code eventId}, by which a receiver can drop a repeat.
 */
final class JsonPayload implements Payload {

    @Override
    public ObjectNode tree(Notification notification) {
        Breach breach = notification.breach();
        ObjectNode body = JSON.createObjectNode();
        body.put("eventId", notification.eventId());
        body.put("ruleId", notification.ruleId());
        body.put("rule", notification.ruleName());
        body.put("state", AlertViews.lower(notification.state()));
        body.put("test", notification.test());
        body.put("at", notification.at().toString());
        body.put("summary", NotificationText.summary(notification));
        body.put("service", breach.service());
        body.put("endpoint", breach.endpoint());
        body.put("metric", breach.metric() == null ? null : breach.metric().apiName());
        body.put("operator", breach.operator());
        body.put("value", breach.value());
        body.put("threshold", breach.threshold());
        body.put("unit", NotificationText.unit(breach.metric()));
        ObjectNode window = body.putObject("window");
        window.put("from", breach.from().toString());
        window.put("to", breach.to().toString());
        if (breach.deploy() == null) {
            body.putNull("deploy");
        } else {
            ObjectNode deploy = body.putObject("deploy");
            deploy.put("version", breach.deploy().version());
            deploy.put("previousVersion", breach.deploy().previousVersion());
            deploy.put("finding", breach.deploy().finding());
        }
        ArrayNode exemplars = body.putArray("exemplars");
        for (Evidence.Exemplar exemplar : notification.evidence().exemplars()) {
            ObjectNode item = exemplars.addObject();
            item.put("traceId", exemplar.traceId());
            item.put("durationMs", exemplar.durationMs());
            item.put("link", exemplar.link());
            item.put("diagnosis", exemplar.diagnosis());
        }
        ArrayNode setApart = body.putArray("setApart");
        notification.evidence().setApart().forEach(setApart::add);
        return body;
    }
}
