package io.sightline.security;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

    @Query("select m.id.projectId from Membership m where m.id.userId = :userId")
    List<Long> findProjectIdsByUserId(long userId);

    /** A member of one of the projects. */
    record ProjectMember(long projectId, long userId, String username) {}

    @Query("""
            select new io.sightline.security.MembershipRepository$ProjectMember(m.id.projectId, u.id, u.username)
            from Membership m join User u on u.id = m.id.userId
            where m.id.projectId in :projectIds order by u.username""")
    List<ProjectMember> findMembers(Collection<Long> projectIds);

    @Transactional
    @Modifying
    @Query("delete from Membership m where m.id = :id")
    int deleteMembership(Membership.Key id);
}
