package io.sightline.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AlertRuleRepository extends JpaRepository<AlertRule, Long> {

    List<AlertRule> findByProjectIdInOrderByNameAscIdAsc(Collection<Long> projectIds);

    /**
     * Moves the rule to {@code state} only if it is still at {@code version}: 1 when written, 0 when
     * the rule was edited, deleted or moved on by another evaluation since it was read.
     */
    @Modifying(clearAutomatically = true)
    @Query("""
            update AlertRule r set r.state = :state, r.stateSince = :at, r.lastValue = :value,
                r.lastEvaluatedAt = :at, r.lastError = null, r.version = r.version + 1
            where r.id = :id and r.version = :version""")
    int transition(long id, long version, AlertState state, Instant at, Double value);

    /** What an evaluation without a transition saw (or why it failed), on the version it read. */
    @Modifying(clearAutomatically = true)
    @Query("""
            update AlertRule r set r.lastValue = :value, r.lastEvaluatedAt = :at, r.lastError = :error
            where r.id = :id and r.version = :version""")
    int evaluated(long id, long version, Instant at, Double value, String error);
}
