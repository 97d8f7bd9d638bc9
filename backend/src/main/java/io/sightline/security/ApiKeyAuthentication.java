package io.sightline.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A verified API key as a Spring Security authentication; its authorities are {@code SCOPE_<scope>}.
 * Made by the API-key filter for a request, and by a transport that is not HTTP (MCP over stdio) for
 * the key it was started with, so {@link ProjectAccess} scopes both alike.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKeyPrincipal key;

    public ApiKeyAuthentication(ApiKeyPrincipal key) {
        super(key.scopes().stream()
                .map(s -> new SimpleGrantedAuthority("SCOPE_" + s.name()))
                .toList());
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ApiKeyPrincipal getPrincipal() {
        return key;
    }
}
