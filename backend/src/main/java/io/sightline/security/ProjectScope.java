package io.sightline.security;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Work done for one project outside any request (alert evaluation, its evidence): the work reads
 * that project's data, and only that project's, through the same {@link ProjectAccess} every feature
 * asks, as a read key of the project would.
 */
public final class ProjectScope {

    private ProjectScope() {}

    /** Runs {@code work} on this thread as a reader of {@code projectId}, then restores the thread's context. */
    public static <T> T readingAs(long projectId, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext scoped = SecurityContextHolder.createEmptyContext();
        scoped.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(new ProjectReader(projectId), null, List.of()));
        SecurityContextHolder.setContext(scoped);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** The principal of {@link #readingAs}: reads one project, writes nothing. */
    record ProjectReader(long projectId) {}
}
