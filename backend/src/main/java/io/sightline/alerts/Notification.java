package io.sightline.alerts;

import java.net.URI;
import java.time.Instant;

/**
 * One message to a rule's webhook: a transition ({@code FIRING} or {@code RESOLVED}), or a test sent
 * by {@code POST /api/v1/alerts/{id}/evaluate} with the rule's current state.
 *
 * @param eventId the history entry this notification reports; a receiver can de-duplicate retries by it
 * @param firingSince when the alert began firing: {@code at} for a new firing, the firing's start for
 *     its resolution (and for a test of a firing rule); null when the rule is not firing
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
        Instant firingSince,
        Breach breach,
        Evidence evidence) {}
