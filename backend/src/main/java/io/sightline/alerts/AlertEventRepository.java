package io.sightline.alerts;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface AlertEventRepository extends JpaRepository<AlertEvent, Long> {

    /** A rule's history, newest first. */
    List<AlertEvent> findByRuleIdOrderByIdDesc(long ruleId, Limit limit);

    /** Whether the deploy already fired the rule: a deploy fires a rule once. */
    boolean existsByRuleIdAndDeployIdAndStateAndTestFalse(long ruleId, long deployId, AlertState state);

    /** The rule's latest real (not test) event in {@code state}. */
    AlertEvent findFirstByRuleIdAndStateAndTestFalseOrderByIdDesc(long ruleId, AlertState state);
}
