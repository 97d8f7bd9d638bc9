package io.sightline.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes what evaluations find: a transition moves the rule and records its event in one transaction,
 * only over the rule's version the evaluation read, so two evaluations of one rule (a replica whose
 * lease ran out mid-run, or a rule edited meanwhile) never record one transition twice. Records, too,
 * what became of each event's notification, as the notifier reports it.
 */
@Service
class AlertHistory {

    private final AlertRuleRepository rules;
    private final AlertEventRepository events;
    private final Clock clock;

    AlertHistory(AlertRuleRepository rules, AlertEventRepository events, Clock clock) {
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    /** The event of {@code rule}'s move to {@code state}; empty when the rule changed since it was read. */
    @Transactional
    public Optional<AlertEvent> transition(
            AlertRule rule, AlertState state, Instant at, Finding finding, Evidence evidence) {
        if (rules.transition(rule.id(), rule.version(), state, at, finding.value()) == 0) {
            return Optional.empty();
        }
        return Optional.of(events.save(new AlertEvent(
                rule.id(),
                state,
                false,
                at,
                finding.breach(),
                finding.deployId(),
                Payload.JSON.writeValueAsString(evidence))));
    }

    /** A test notification's event: the rule's state unchanged. */
    @Transactional
    public AlertEvent test(AlertRule rule, Instant at, Finding finding, Evidence evidence) {
        return events.save(new AlertEvent(
                rule.id(),
                rule.state(),
                true,
                at,
                finding.breach(),
                finding.deployId(),
                Payload.JSON.writeValueAsString(evidence)));
    }

    /** What an evaluation without a transition saw, or ({@code error} not null) why it failed. */
    @Transactional
    public void evaluated(AlertRule rule, Instant at, Double value, String error) {
        rules.evaluated(rule.id(), rule.version(), at, value, error == null ? null : abbreviate(error));
    }

    /**
     * Records a notification's outcome on its event, on the notifier's thread. The event is committed
     * before its notification is sent, so it is always there to update.
     */
    @EventListener
    @Transactional
    public void delivered(NotificationDelivered delivered) {
        events.delivered(
                delivered.eventId(),
                delivered.ruleId(),
                delivered.outcome(),
                delivered.attempts(),
                abbreviate(delivered.detail()),
                clock.instant());
    }

    static Evidence evidence(AlertEvent event) {
        return Payload.JSON.readValue(event.evidence(), Evidence.class);
    }

    private static String abbreviate(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 999) + "…";
    }
}
