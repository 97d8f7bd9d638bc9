package io.sightline.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} wrong passwords for one user name within
 * {@link #WINDOW}, sign-in for that name is refused for {@link #LOCK} (the login page says so),
 * whatever the password. A successful sign-in clears the count.
 */
@Component
class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCK = Duration.ofMinutes(5);

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private record Failures(int count, Instant first, Instant lockedUntil) {}

    boolean locked(String username) {
        Failures current = failures.get(key(username));
        return current != null
                && current.lockedUntil() != null
                && current.lockedUntil().isAfter(clock.instant());
    }

    void failed(String username) {
        Instant now = clock.instant();
        failures.compute(key(username), (name, current) -> {
            if (current == null || current.first().plus(WINDOW).isBefore(now)) {
                return new Failures(1, now, null);
            }
            int count = current.count() + 1;
            return new Failures(count, current.first(), count >= MAX_FAILURES ? now.plus(LOCK) : current.lockedUntil());
        });
        if (failures.size() > 100_000) {
            failures.entrySet()
                    .removeIf(entry -> entry.getValue().first().plus(WINDOW).isBefore(now) && !locked(entry.getKey()));
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    /** Counts a wrong password, then answers as the form login would. */
    AuthenticationFailureHandler failureHandler() {
        SimpleUrlAuthenticationFailureHandler standard = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, exception) -> {
            failed(request.getParameter("username"));
            standard.onAuthenticationFailure(request, response, exception);
        };
    }

    /** Clears the count, then goes where the user was headed. */
    AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler standard = new SavedRequestAwareAuthenticationSuccessHandler();
        return (request, response, authentication) -> {
            succeeded(authentication.getName());
            standard.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** Refuses the form's POST for a locked name before the password is even checked. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if ("POST".equals(request.getMethod())
                        && path.equals("/login")
                        && locked(request.getParameter("username"))) {
                    response.sendRedirect(request.getContextPath() + "/login?locked");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
