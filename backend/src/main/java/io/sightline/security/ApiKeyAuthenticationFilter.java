package io.sightline.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A request that presents a key which is not
 * valid is answered 401 here and goes no further; a request without one continues (and meets the
 * authorisation rules, or a session login). On the paths of {@code notForKeys} (the metrics
 * endpoint, whose Bearer is the scrape token) it does nothing.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys apiKeys;
    private final RequestMatcher notForKeys;

    ApiKeyAuthenticationFilter(ApiKeys apiKeys, RequestMatcher notForKeys) {
        this.apiKeys = apiKeys;
        this.notForKeys = notForKeys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return notForKeys.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> secret = ApiKeys.bearerSecret(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (secret.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyPrincipal> key = apiKeys.authenticate(secret.get());
        if (key.isEmpty()) {
            unauthorized(response, "invalid or revoked API key");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(key.get()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static void unauthorized(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"" + message + "\"}");
    }
}
