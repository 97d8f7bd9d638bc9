package io.sightline.markers;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DeployRepository extends JpaRepository<Deploy, Long> {

    boolean existsByProjectIdAndServiceAndVersionAndEnvironment(
            long projectId, String service, String version, String environment);

    /** Markers of the projects deployed in [from, to), of one service or ({@code ""}) all, oldest first. */
    @Query("""
            select d from Deploy d
            where d.projectId in :projectIds and d.deployedAt >= :from and d.deployedAt < :to
              and (:service = '' or d.service = :service)
            order by d.deployedAt, d.id""")
    List<Deploy> findInWindow(Collection<Long> projectIds, String service, Instant from, Instant to);

    /** Markers deployed in [from, to), of one service or ({@code ""}) all, newest first. */
    @Query("""
            select d from Deploy d
            where d.projectId in :projectIds and d.deployedAt >= :from and d.deployedAt < :to
              and (:service = '' or d.service = :service)
            order by d.deployedAt desc, d.id desc""")
    List<Deploy> findRecent(Collection<Long> projectIds, String service, Instant from, Instant to, Limit limit);

    /** The newest markers, of one service or ({@code ""}) all, in one environment or ({@code ""}) any. */
    @Query("""
            select d from Deploy d
            where d.projectId in :projectIds
              and (:service = '' or d.service = :service)
              and (:environment = '' or d.environment = :environment)
            order by d.deployedAt desc, d.id desc""")
    List<Deploy> findLatest(Collection<Long> projectIds, String service, String environment, Limit limit);

    List<Deploy> findByProjectIdInAndServiceAndVersion(Collection<Long> projectIds, String service, String version);

    /** The same service's markers in the same project and environment after (at, id), oldest first. */
    @Query("""
            select d from Deploy d
            where d.projectId = :projectId and d.service = :service and d.environment = :environment
              and (d.deployedAt > :at or (d.deployedAt = :at and d.id > :id))
            order by d.deployedAt, d.id""")
    List<Deploy> findAfter(long projectId, String service, String environment, Instant at, long id, Limit limit);

    /** The same service's markers in the same project and environment before (at, id), newest first. */
    @Query("""
            select d from Deploy d
            where d.projectId = :projectId and d.service = :service and d.environment = :environment
              and (d.deployedAt < :at or (d.deployedAt = :at and d.id < :id))
            order by d.deployedAt desc, d.id desc""")
    List<Deploy> findBefore(long projectId, String service, String environment, Instant at, long id, Limit limit);
}
