package io.sightline.alerts;

import io.sightline.security.ProjectAccess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What fired (and resolved) lately in the caller's projects, for other features such as the MCP
 * server's {@code recent_alerts}: the same events, with the same evidence, as a rule's history gives,
 * of every rule the caller may read ({@link AlertRules}' read right: the read or the manage right on
 * the rule's project). Test notifications are left out: they are not alerts.
 */
@Service
public class RecentAlerts {

    public static final int MAX_LIMIT = AlertRules.MAX_EVENTS;

    private final AlertRuleRepository rules;
    private final AlertEventRepository events;
    private final ProjectAccess projectAccess;

    RecentAlerts(AlertRuleRepository rules, AlertEventRepository events, ProjectAccess projectAccess) {
        this.rules = rules;
        this.events = events;
        this.projectAccess = projectAccess;
    }

    /**
     * One transition of a rule, with the rule it belongs to.
     *
     * @param type {@code threshold} or {@code deploy}
     */
    public record RecentAlert(long ruleId, String rule, String type, String service, AlertViews.Event event) {}

    /**
     * Transitions from {@code from} to {@code to}, newest first, at most {@code limit} (1 to {@link
     * #MAX_LIMIT}); only of rules of {@code service} unless it is null. Empty for a caller who reads
     * no project.
     */
    @Transactional(readOnly = true)
    public List<RecentAlert> recent(String service, Instant from, Instant to, int limit) {
        Set<Long> readable = AlertRules.readable(projectAccess);
        if (readable.isEmpty()) {
            return List.of();
        }
        List<AlertEvent> found = events.recent(readable, service, from, to, Limit.of(Math.min(limit, MAX_LIMIT)));
        Map<Long, AlertRule> byId =
                rules
                        .findAllById(found.stream()
                                .map(AlertEvent::ruleId)
                                .distinct()
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(AlertRule::id, Function.identity()));
        return found.stream()
                .map(event -> {
                    AlertRule rule = byId.get(event.ruleId());
                    return new RecentAlert(
                            rule.id(), rule.name(), rule.type().apiName(), rule.service(), AlertViews.Event.of(event));
                })
                .toList();
    }
}
