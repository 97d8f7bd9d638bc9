package io.sightline.security;

import java.util.Set;

/** The authenticated identity of a request that carried a valid API key. */
public record ApiKeyPrincipal(long id, long projectId, String name, Set<Scope> scopes) {

    public boolean can(Scope scope) {
        return scopes.contains(scope);
    }
}
