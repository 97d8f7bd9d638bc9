package io.sightline.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On the metrics endpoint, {@code Authorization: Bearer <token>} is the scrape token ({@code
 * sightline.metrics.scrape-token}), not an API key: a match grants {@link #AUTHORITY}, anything else
 * is answered 401 here. Compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time
 * taken says nothing about the token. Without a Bearer header the request goes on (an admin's
 * session may read the metrics).
 */
final class ScrapeTokenFilter extends OncePerRequestFilter {

    /** What the scrape token grants: reading {@code /actuator/prometheus}, nothing else. */
    static final String AUTHORITY = "METRICS_SCRAPE";

    private final RequestMatcher endpoint;
    private final byte[] token;

    /** {@code token} null: no scrape token, only admins may read the metrics. */
    ScrapeTokenFilter(RequestMatcher endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token == null ? null : sha256(token);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !endpoint.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = ApiKeys.bearerSecret(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (presented.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (token == null) {
            ApiKeyAuthenticationFilter.unauthorized(
                    response, "no scrape token is configured (SIGHTLINE_METRICS_SCRAPE_TOKEN); sign in as an admin");
            return;
        }
        if (!MessageDigest.isEqual(sha256(presented.get()), token)) {
            ApiKeyAuthenticationFilter.unauthorized(response, "invalid scrape token");
            return;
        }
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "metrics-scraper", null, List.of(new SimpleGrantedAuthority(AUTHORITY))));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
