package io.sightline.alerts;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Evaluates rules: measures (threshold rules) or judges deploys (deploy rules), moves the state
 * machine ({@link Transitions}), and on a transition gathers the evidence, records the event
 * ({@link AlertHistory}) and hands exactly one notification to the {@link AlertNotifier}, after the
 * event is committed. The notifier queues it and returns, so a slow webhook never holds evaluation.
 */
@Service
class AlertEvaluation {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluation.class);

    private final AlertRuleRepository rules;
    private final ThresholdMeasure thresholds;
    private final DeployWatch deploys;
    private final AlertHistory history;
    private final AlertEvidence evidence;
    private final AlertNotifier notifier;

    AlertEvaluation(
            AlertRuleRepository rules,
            ThresholdMeasure thresholds,
            DeployWatch deploys,
            AlertHistory history,
            AlertEvidence evidence,
            AlertNotifier notifier) {
        this.rules = rules;
        this.thresholds = thresholds;
        this.deploys = deploys;
        this.history = history;
        this.evidence = evidence;
        this.notifier = notifier;
    }

    /**
     * Evaluates every rule of every project at {@code now}; returns how many transitioned. A rule whose
     * evaluation fails keeps its state, gets the failure as its {@code lastError}, and the others go on.
     */
    int evaluateAll(Instant now) {
        int transitions = 0;
        for (AlertRule rule : rules.findAll()) {
            try {
                transitions += evaluate(rule, now).isPresent() ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn("alert rule {} could not be evaluated", rule.id(), e);
                history.evaluated(rule, now, rule.lastValue(), failure(e));
            }
        }
        return transitions;
    }

    /** One rule at {@code now}: its transition's event, if it moved. */
    Optional<AlertEvent> evaluate(AlertRule rule, Instant now) {
        Finding finding = find(rule, now);
        Optional<AlertState> next = Transitions.next(rule.state(), finding.condition());
        if (next.isEmpty()) {
            history.evaluated(rule, now, finding.value(), null);
            return Optional.empty();
        }
        Evidence gathered = evidence.collect(finding.breach());
        Optional<AlertEvent> event = history.transition(rule, next.get(), now, finding, gathered);
        event.ifPresent(e -> notifier.send(notification(rule, e, finding, gathered)));
        return event;
    }

    /**
     * What the rule finds at {@code now}, sent to its webhook as a test notification (recorded in its
     * history as a test); the rule's state does not move.
     */
    Tested test(AlertRule rule, Instant now) {
        Finding finding = find(rule, now);
        Evidence gathered = evidence.collect(finding.breach());
        AlertEvent event = history.test(rule, now, finding, gathered);
        notifier.send(notification(rule, event, finding, gathered));
        return new Tested(finding, event);
    }

    record Tested(Finding finding, AlertEvent event) {}

    private Finding find(AlertRule rule, Instant now) {
        return rule.type() == RuleType.THRESHOLD ? thresholds.measure(rule, now) : deploys.judge(rule, now);
    }

    private static Notification notification(AlertRule rule, AlertEvent event, Finding finding, Evidence evidence) {
        return new Notification(
                event.id(),
                rule.id(),
                rule.name(),
                URI.create(rule.webhookUrl()),
                rule.format(),
                event.state(),
                event.test(),
                event.at(),
                firingSince(rule, event),
                finding.breach(),
                evidence);
    }

    /** A new firing starts now; otherwise the rule, as read before its transition, has fired since its state began. */
    static Instant firingSince(AlertRule rule, AlertEvent event) {
        if (event.state() == AlertState.FIRING && !event.test()) {
            return event.at();
        }
        return rule.state() == AlertState.FIRING ? rule.stateSince() : null;
    }

    private static String failure(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
