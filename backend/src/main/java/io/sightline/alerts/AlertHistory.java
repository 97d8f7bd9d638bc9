package io.sightline.alerts;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes what evaluations find: a transition moves the rule and records its event in one transaction,
 * only over the rule's version the evaluation read, so two evaluations of one rule (a replica whose
 * lease ran out mid-run, or a rule edited meanwhile) never record one transition twice.
 */
@Service
class AlertHistory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertRuleRepository rules;
    private final AlertEventRepository events;

    AlertHistory(AlertRuleRepository rules, AlertEventRepository events) {
        this.rules = rules;
        this.events = events;
    }

    /** The event of {@code rule}'s move to {@code state}; empty when the rule changed since it was read. */
    @Transactional
    public Optional<AlertEvent> transition(
            AlertRule rule, AlertState state, Instant at, Finding finding, Evidence evidence) {
        if (rules.transition(rule.id(), rule.version(), state, at, finding.value()) == 0) {
            return Optional.empty();
        }
        return Optional.of(events.save(new AlertEvent(
                rule.id(), state, false, at, finding.breach(), finding.deployId(), JSON.writeValueAsString(evidence))));
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
                JSON.writeValueAsString(evidence)));
    }

    /** What an evaluation without a transition saw, or ({@code error} not null) why it failed. */
    @Transactional
    public void evaluated(AlertRule rule, Instant at, Double value, String error) {
        rules.evaluated(rule.id(), rule.version(), at, value, error == null ? null : abbreviate(error));
    }

    static Evidence evidence(AlertEvent event) {
        return JSON.readValue(event.evidence(), Evidence.class);
    }

    private static String abbreviate(String error) {
        return error.length() <= 1000 ? error : error.substring(0, 999) + "…";
    }
}
