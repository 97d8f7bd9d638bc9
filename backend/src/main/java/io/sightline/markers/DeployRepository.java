package io.sightline.markers;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
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
}
