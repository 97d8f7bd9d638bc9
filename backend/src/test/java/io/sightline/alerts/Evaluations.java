package io.sightline.alerts;

import java.time.Instant;
import org.springframework.context.ApplicationContext;

/**
 * For tests of other features (such as the MCP server's {@code recent_alerts}): evaluates one rule at
 * a given time, as the scheduler's tick would, since the tests' applications never tick on their own.
 */
public final class Evaluations {

    private Evaluations() {}

    /** True when the rule transitioned (and its notification went to the application's notifier). */
    public static boolean evaluate(ApplicationContext context, long ruleId, Instant at) {
        AlertRule rule =
                context.getBean(AlertRuleRepository.class).findById(ruleId).orElseThrow();
        return context.getBean(AlertEvaluation.class).evaluate(rule, at).isPresent();
    }
}
