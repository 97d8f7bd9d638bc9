package io.sightline.security;

import io.sightline.metrics.MetricsProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Everything needs a signed-in user or an API key, except health, the login
 * page and static assets. Machine endpoints (ingest, JSON APIs, metrics) answer 401 rather than
 * redirecting to the login page, and skip CSRF since a Bearer key is not sent by browsers on their
 * own. The metrics ({@code /actuator/prometheus}) are instance-wide, so no project's key reads
 * them: a signed-in admin or the scrape token ({@link ScrapeTokenFilter}) does. The MCP server
 * ({@code /mcp}, package {@code mcp}) takes only an API key with the read scope: 401 without one,
 * 403 for a key without read or a signed-in session.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** The MCP server's endpoint (mcp.McpConfiguration serves it). */
    static final String MCP = "/mcp";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, ApiKeys apiKeys, LoginThrottle throttle, Users users, MetricsProperties metrics)
            throws Exception {
        RequestMatcher prometheus = EndpointRequest.to("prometheus");
        // Matched on the decoded, normalised path as authorisation does, so /%61pi/... is /api/...
        RequestMatcher machineEndpoints = new OrRequestMatcher(
                PathPatternRequestMatcher.pathPattern("/api/**"),
                PathPatternRequestMatcher.pathPattern("/v1/traces"),
                PathPatternRequestMatcher.pathPattern(MCP),
                PathPatternRequestMatcher.pathPattern("/v3/api-docs*"),
                PathPatternRequestMatcher.pathPattern("/v3/api-docs/**"),
                prometheus);
        http.addFilterAfter(new SignedInUserFilter(users), SecurityContextHolderFilter.class)
                .addFilterBefore(
                        new ScrapeTokenFilter(prometheus, metrics.scrapeToken()),
                        UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(apiKeys, prometheus), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(throttle.filter(), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        .requestMatchers(prometheus)
                        .hasAnyAuthority(ScrapeTokenFilter.AUTHORITY, "ROLE_ADMIN")
                        .requestMatchers("/login", "/assets/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers(
                                PathPatternRequestMatcher.pathPattern("/v1/traces"),
                                PathPatternRequestMatcher.pathPattern("/api/v2/spans"))
                        .hasAuthority("SCOPE_INGEST")
                        .requestMatchers(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/deploys"))
                        .hasAuthority("SCOPE_INGEST")
                        .requestMatchers(
                                "/api/v1/users/**",
                                "/api/v1/projects/*/members/**",
                                "/api/v1/bootstrap-key",
                                "/api/v1/forwarding")
                        .hasRole("ADMIN")
                        .requestMatchers(PathPatternRequestMatcher.pathPattern(MCP))
                        .access((authentication, context) -> new AuthorizationDecision(readKey(authentication.get())))
                        // Alert rules: read with a read or a manage key; AlertRules decides who may change them.
                        .requestMatchers("/api/v1/alerts", "/api/v1/alerts/**")
                        .access((authentication, context) ->
                                new AuthorizationDecision(canReadAlerts(authentication.get())))
                        // The API's description and Swagger UI: for whoever may read the API.
                        .requestMatchers(
                                "/api/**", "/v3/api-docs*", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .access((authentication, context) -> new AuthorizationDecision(canRead(authentication.get())))
                        .requestMatchers("/settings/projects/**", "/settings/users/**", "/settings/bootstrap-key/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/settings/account/**")
                        .hasAnyRole("ADMIN", "MEMBER", "VIEWER")
                        .requestMatchers("/settings/**")
                        .hasAnyRole("ADMIN", "MEMBER")
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .permitAll()
                        .failureHandler(throttle.failureHandler())
                        .successHandler(throttle.successHandler()))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(machineEndpoints))
                // Machines get a 401; anything else (pages) goes to the login form, whatever its Accept header.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                                new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), machineEndpoints)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    // Agents hold keys; a browser session is refused, so a cookie can never carry a cross-site call.
    private static boolean readKey(Authentication authentication) {
        return authentication != null
                && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof ApiKeyPrincipal key
                && key.can(Scope.READ);
    }

    private static boolean canReadAlerts(Authentication authentication) {
        return canRead(authentication)
                || (authentication != null
                        && authentication.isAuthenticated()
                        && authentication.getPrincipal() instanceof ApiKeyPrincipal key
                        && key.can(Scope.MANAGE));
    }

    private static boolean canRead(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        return switch (authentication.getPrincipal()) {
            case ApiKeyPrincipal key -> key.can(Scope.READ);
            case UserPrincipal user -> true;
            case null, default -> false;
        };
    }
}
