package io.sightline.alerts;

import io.sightline.deploys.DeployComparison;
import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import io.sightline.markers.Deployed;
import io.sightline.security.ProjectScope;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A deploy rule's evaluation: the deploys of its service within its window before now, oldest first,
 * each compared with the version it replaced over up to the rule's window on either side of the deploy
 * (never past the next deploy or now). The first deploy that regressed and has not fired the rule yet
 * fires it: so a deploy fires a rule once, however often it is evaluated. A firing rule resolves when a
 * later deploy of the service is judged (requests on both sides) without regression.
 */
@Component
class DeployWatch {

    static final int MAX_DEPLOYS = 20;

    private final DeployMarkers markers;
    private final DeployComparison comparison;
    private final AlertEventRepository events;

    DeployWatch(DeployMarkers markers, DeployComparison comparison, AlertEventRepository events) {
        this.markers = markers;
        this.comparison = comparison;
        this.events = events;
    }

    Finding judge(AlertRule rule, Instant now) {
        return ProjectScope.readingAs(rule.projectId(), () -> judgeAsProject(rule, now));
    }

    private Finding judgeAsProject(AlertRule rule, Instant now) {
        List<Deployed> newestFirst =
                markers.recent(rule.service(), now.minus(rule.window()), now.plusMillis(1), MAX_DEPLOYS);
        AlertEvent fired = rule.state() == AlertState.FIRING
                ? events.findFirstByRuleIdAndStateAndTestFalseOrderByIdDesc(rule.id(), AlertState.FIRING)
                : null;
        Finding resolution = null;
        for (Deployed deployed : newestFirst.reversed()) {
            DeployMarker deploy = deployed.deploy();
            DeployMarker previous = deployed.previous();
            if (previous == null
                    || events.existsByRuleIdAndDeployIdAndStateAndTestFalse(
                            rule.id(), deploy.id(), AlertState.FIRING)) {
                continue;
            }
            Instant from = later(previous.at(), deploy.at().minus(rule.window()));
            Instant to = earlier(
                    deployed.next() == null ? now : deployed.next().at(),
                    deploy.at().plus(rule.window()));
            to = earlier(to, now);
            if (!from.isBefore(to)) {
                continue;
            }
            DeployComparison.Comparison compared =
                    comparison.compare(rule.service(), previous.version(), deploy.version(), from, to);
            var regression = DeployRegressions.find(compared, rule.factor());
            if (regression.isPresent()) {
                return finding(rule, Transitions.Condition.NEW_INCIDENT, deployed, regression.get(), from, to);
            }
            boolean afterFired = fired != null && fired.deployId() != null && deploy.id() > fired.deployId();
            if (afterFired && DeployRegressions.judged(compared)) {
                resolution = finding(rule, Transitions.Condition.CLEAR, deployed, clean(rule), from, to);
            }
        }
        return resolution != null ? resolution : nothing(rule, now);
    }

    private static DeployRegressions.Regression clean(AlertRule rule) {
        return new DeployRegressions.Regression(
                null,
                null,
                rule.factor(),
                0,
                "no N+1 and nothing worse than ×" + rule.factor() + " the previous version");
    }

    private static Finding finding(
            AlertRule rule,
            Transitions.Condition condition,
            Deployed deployed,
            DeployRegressions.Regression regression,
            Instant from,
            Instant to) {
        Breach breach = new Breach(
                rule.projectId(),
                rule.service(),
                regression.endpoint(),
                regression.metric(),
                AlertOperator.ABOVE.apiName(),
                regression.threshold(),
                regression.value(),
                from,
                to,
                new Breach.DeployRegression(
                        deployed.deploy().version(), deployed.previous().version(), regression.finding()));
        return new Finding(
                condition, breach, regression.value(), deployed.deploy().id());
    }

    private static Finding nothing(AlertRule rule, Instant now) {
        Breach breach = new Breach(
                rule.projectId(),
                rule.service(),
                null,
                null,
                AlertOperator.ABOVE.apiName(),
                rule.factor(),
                0,
                now.minus(rule.window()),
                now,
                null);
        return new Finding(Transitions.Condition.NOTHING, breach, null, null);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
