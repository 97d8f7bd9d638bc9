package io.sightline.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AlertEventRepository extends JpaRepository<AlertEvent, Long> {

    /** A rule's history, newest first. */
    List<AlertEvent> findByRuleIdOrderByIdDesc(long ruleId, Limit limit);

    /** Whether the deploy already fired the rule: a deploy fires a rule once. */
    boolean existsByRuleIdAndDeployIdAndStateAndTestFalse(long ruleId, long deployId, AlertState state);

    /** The rule's latest real (not test) event in {@code state}. */
    AlertEvent findFirstByRuleIdAndStateAndTestFalseOrderByIdDesc(long ruleId, AlertState state);

    /**
     * The transitions (no tests) of {@code projects}' rules from {@code from} to {@code to}, newest
     * first; of {@code service}'s rules only, unless it is null.
     */
    @Query("""
            select e from AlertEvent e join AlertRule r on r.id = e.ruleId
            where e.projectId in :projects and e.test = false and e.at >= :from and e.at <= :to
                and (:service is null or r.service = :service)
            order by e.at desc, e.id desc""")
    List<AlertEvent> recent(Collection<Long> projects, String service, Instant from, Instant to, Limit limit);

    /**
     * Records what became of the event's notification, once: 1 when written; 0 for an event that is
     * not the rule's (a notification sent outside the history) or whose outcome is already recorded.
     */
    @Modifying(clearAutomatically = true)
    @Query("""
            update AlertEvent e set e.deliveryOutcome = :outcome, e.deliveryAttempts = :attempts,
                e.deliveryDetail = :detail, e.deliveredAt = :at
            where e.id = :id and e.ruleId = :ruleId and e.deliveryOutcome is null""")
    int delivered(long id, long ruleId, NotificationDelivered.Outcome outcome, int attempts, String detail, Instant at);
}
