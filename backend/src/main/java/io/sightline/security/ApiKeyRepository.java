package io.sightline.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface ApiKeyRepository extends JpaRepository<ApiKey, Long> {

    /** The live key with this hash: one indexed SELECT of api_keys alone. */
    Optional<ApiKey> findBySecretHashAndRevokedAtIsNull(String secretHash);

    boolean existsBySecretHash(String secretHash);

    boolean existsByBootstrapTrueAndRevokedAtIsNull();

    @Query("select k.projectId from ApiKey k where k.id = :id")
    Optional<Long> findProjectIdById(long id);

    /** Keys of the projects with their project's name, newest first. */
    @Query("""
            select k from ApiKey k join fetch k.project
            where k.projectId in :projectIds order by k.createdAt desc, k.id desc""")
    List<ApiKey> findWithProject(Collection<Long> projectIds);

    @Transactional
    @Modifying
    @Query("update ApiKey k set k.revokedAt = :now where k.id = :id and k.revokedAt is null")
    int revoke(long id, Instant now);

    @Transactional
    @Modifying
    @Query("""
            update ApiKey k set k.revokedAt = :now
            where k.bootstrap = true and k.revokedAt is null and k.secretHash <> :keepHash""")
    int revokeBootstrap(String keepHash, Instant now);

    @Transactional
    @Modifying
    @Query("update ApiKey k set k.lastUsedAt = :now where k.id = :id")
    void touch(long id, Instant now);
}
