package io.sightline.alerts;

import io.sightline.security.ProjectAccess;
import io.sightline.web.BadParameterException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * The caller's alert rules. Reading takes the read or the manage right on the rule's project (a key
 * with either scope, or a user of the project); creating, changing, deleting and test-evaluating take
 * the manage right (a key with the manage scope, a member or an admin; never a viewer). A rule of a
 * project the caller cannot read answers 404, exactly as one that does not exist.
 */
@Service
class AlertRules {

    static final int MAX_EVENTS = 200;

    private final AlertRuleRepository rules;
    private final AlertEventRepository events;
    private final AlertEvaluation evaluation;
    private final ProjectAccess projectAccess;
    private final WebhookUrls webhookUrls;
    private final Clock clock;

    AlertRules(
            AlertRuleRepository rules,
            AlertEventRepository events,
            AlertEvaluation evaluation,
            ProjectAccess projectAccess,
            AlertsProperties properties,
            Clock clock) {
        this.rules = rules;
        this.events = events;
        this.evaluation = evaluation;
        this.projectAccess = projectAccess;
        this.webhookUrls = new WebhookUrls(properties.webhooks().allowPrivateAddresses());
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<AlertViews.Rule> list() {
        Set<Long> manageable = projectAccess.manageableProjects();
        return rules.findByProjectIdInOrderByNameAscIdAsc(readable()).stream()
                .map(rule -> AlertViews.Rule.of(rule, manageable.contains(rule.projectId())))
                .toList();
    }

    @Transactional(readOnly = true)
    public AlertViews.Rule get(long id) {
        AlertRule rule = readableRule(id);
        return AlertViews.Rule.of(rule, manages(rule));
    }

    /** The rule's history, newest first, at most {@code limit} (up to {@link #MAX_EVENTS}). */
    @Transactional(readOnly = true)
    public List<AlertViews.Event> events(long id, int limit) {
        readableRule(id);
        return events.findByRuleIdOrderByIdDesc(id, Limit.of(Math.min(limit, MAX_EVENTS))).stream()
                .map(AlertViews.Event::of)
                .toList();
    }

    /**
     * A new rule in {@code project}, or (null) in the one project the caller manages; it starts
     * {@code OK} and is first evaluated at the next tick.
     */
    @Transactional
    public AlertViews.Rule create(Long project, JsonNode body) {
        long target = targetProject(project);
        AlertRuleInput input = AlertRuleInput.parse(body, webhookUrls);
        return AlertViews.Rule.of(rules.save(new AlertRule(target, input, clock.instant())), true);
    }

    /** Replaces the rule's definition; it starts over in {@code OK} with its history kept. */
    @Transactional
    public AlertViews.Rule update(long id, JsonNode body) {
        AlertRule rule = managedRule(id);
        rule.define(AlertRuleInput.parse(body, webhookUrls), clock.instant());
        return AlertViews.Rule.of(rules.saveAndFlush(rule), true);
    }

    /** Deletes the rule with its history. */
    @Transactional
    public void delete(long id) {
        rules.delete(managedRule(id));
    }

    /** Evaluates the rule now and sends a test notification with what it found; its state does not move. */
    public AlertViews.Evaluation evaluate(long id) {
        AlertEvaluation.Tested tested = evaluation.test(managedRule(id), clock.instant());
        Finding finding = tested.finding();
        Breach breach = finding.breach();
        return new AlertViews.Evaluation(
                id,
                AlertViews.lower(tested.event().state()),
                finding.condition() == Transitions.Condition.HOLDS
                        || finding.condition() == Transitions.Condition.NEW_INCIDENT,
                finding.value(),
                breach.threshold(),
                breach.from(),
                breach.to(),
                AlertViews.Deploy.of(breach.deploy()),
                AlertViews.Event.of(tested.event()));
    }

    /** Whether the caller may change rules of {@code project}. */
    boolean manages(long project) {
        return projectAccess.manageableProjects().contains(project);
    }

    private boolean manages(AlertRule rule) {
        return manages(rule.projectId());
    }

    private Set<Long> readable() {
        return readable(projectAccess);
    }

    /** The projects whose rules the caller may read: those it reads or manages. */
    static Set<Long> readable(ProjectAccess projectAccess) {
        Set<Long> readable = new HashSet<>(projectAccess.readableProjects());
        readable.addAll(projectAccess.manageableProjects());
        return readable;
    }

    private AlertRule readableRule(long id) {
        return rules.findById(id)
                .filter(rule -> readable().contains(rule.projectId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no alert rule " + id));
    }

    private AlertRule managedRule(long id) {
        AlertRule rule = readableRule(id);
        if (!manages(rule)) {
            throw new AccessDeniedException("changing alert rules needs a key with the manage scope, or a member");
        }
        return rule;
    }

    private long targetProject(Long project) {
        Set<Long> manageable = projectAccess.manageableProjects();
        if (project != null) {
            if (!manageable.contains(project)) {
                if (readable().contains(project)) {
                    throw new AccessDeniedException(
                            "changing alert rules needs a key with the manage scope, or a member");
                }
                throw new BadParameterException("project", "is not a project you can manage alert rules in");
            }
            return project;
        }
        if (manageable.size() == 1) {
            return manageable.iterator().next();
        }
        if (manageable.isEmpty()) {
            throw new AccessDeniedException("creating alert rules needs a key with the manage scope, or a member");
        }
        throw new BadParameterException("project", "is required: you manage several projects; give one's ID");
    }
}
