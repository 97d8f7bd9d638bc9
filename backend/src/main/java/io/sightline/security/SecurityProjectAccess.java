package io.sightline.security;

import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** {@link ProjectAccess} from the request's authentication: an API key's project, or a user's memberships. */
@Component
class SecurityProjectAccess implements ProjectAccess {

    private final Projects projects;

    SecurityProjectAccess(Projects projects) {
        this.projects = projects;
    }

    @Override
    public Set<Long> readableProjects() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return Set.of();
        }
        return switch (authentication.getPrincipal()) {
            case ApiKeyPrincipal key -> key.can(Scope.READ) ? Set.of(key.projectId()) : Set.of();
            case UserPrincipal user -> user.role() == Role.ADMIN ? projects.allIds() : projects.idsOfMember(user.id());
            case ProjectScope.ProjectReader reader -> Set.of(reader.projectId());
            case null, default -> Set.of();
        };
    }

    @Override
    public Set<Long> manageableProjects() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return Set.of();
        }
        return switch (authentication.getPrincipal()) {
            case ApiKeyPrincipal key -> key.can(Scope.MANAGE) ? Set.of(key.projectId()) : Set.of();
            case UserPrincipal user ->
                switch (user.role()) {
                    case ADMIN -> projects.allIds();
                    case MEMBER -> projects.idsOfMember(user.id());
                    case VIEWER -> Set.of();
                };
            case null, default -> Set.of();
        };
    }

    @Override
    public boolean readsInstance() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.getPrincipal() instanceof UserPrincipal user
                && user.role() == Role.ADMIN;
    }

    @Override
    public long ingestProject() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof ApiKeyPrincipal key
                && key.can(Scope.INGEST)) {
            return key.projectId();
        }
        throw new AccessDeniedException("sending spans needs an API key with the ingest scope");
    }
}
