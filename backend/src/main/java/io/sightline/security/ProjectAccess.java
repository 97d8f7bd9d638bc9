package io.sightline.security;

import java.util.Set;

/**
 * What the current caller (a signed-in user or a Bearer API key) may touch. Every feature asks this,
 * never the security context directly, so data is filtered by project in one way everywhere.
 */
public interface ProjectAccess {

    /** Projects whose data the caller may read; empty when none. */
    Set<Long> readableProjects();

    /**
     * Projects whose alert rules the caller may create, change and delete: a key's project when the
     * key has the manage scope, a member's projects, every project for an admin; none for viewers.
     */
    Set<Long> manageableProjects();

    /**
     * Whether the caller is an admin, for what spans every project at once (such as the instance's
     * storage totals): an admin user, never an API key or a member.
     */
    boolean readsInstance();

    /**
     * The one project an ingest request writes to: the project of its API key, which must carry the
     * ingest scope. Throws {@link org.springframework.security.access.AccessDeniedException} otherwise.
     */
    long ingestProject();
}
