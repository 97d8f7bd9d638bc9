package io.sightline.alerts;

import java.net.URI;
import java.time.Instant;

/**
 * One message to a rule's webhook: a transition ({@code FIRING} or {@code RESOLVED}), or a test sent
 * by {@code POST /api/v1/alerts/{id}/evaluate} with the rule's current state.
 *
 * @param eventId the history entry this notification reports; a receiver can de-duplicate retries by it
 */
public record Notification(
        long eventId,
        long ruleId,
        String ruleName,
        URI webhook,
        NotificationFormat format,
        AlertState state,
        boolean test,
        Instant at,
        Breach breach,
        Evidence evidence) {}
