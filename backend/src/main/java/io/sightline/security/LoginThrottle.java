package io.sightline.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing with three counts of wrong passwords within a window (15 minutes by
 * default, see {@link SecurityProperties.Login}); reaching one pauses sign-in for a while (5 minutes),
 * whatever the password, and the login page says so:
 *
 * <ul>
 *   <li>per user name from one client address (5) — the usual lock, which a stranger elsewhere
 *       cannot trigger for someone else;
 *   <li>per address whatever the names (20) — one password sprayed over many names;
 *   <li>per name from all addresses (100) — guessing one account from many addresses. It is far
 *       above the per-address count, so locking {@code admin} for everyone takes wrong passwords
 *       from at least 100 / 20 = 5 addresses (IPv6 addresses count per /64, the block one client
 *       usually holds).
 * </ul>
 *
 * <p>Memory is bounded whatever is sent: user names longer than {@link #MAX_USERNAME} are refused
 * (400) before anything is counted, and each count keeps at most {@code maxTracked} entries (10,000),
 * the least recently used going first. A successful sign-in clears only its name-and-address count,
 * so signing in to one's own account does not reset a spray. The check runs on the path Spring
 * Security matches for the login form ({@code /%6Cogin} is {@code /login}).
 */
@Component
class LoginThrottle {

    static final int MAX_USERNAME = 256;

    /** The POST that Spring Security's form login authenticates. */
    static final RequestMatcher LOGIN_FORM =
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");

    private final SecurityProperties.Login limits;
    private final Counts byNameAndAddress;
    private final Counts byAddress;
    private final Counts byName;
    private final Clock clock;

    @Autowired
    LoginThrottle(SecurityProperties properties) {
        this(properties.login(), Clock.systemUTC());
    }

    LoginThrottle(SecurityProperties.Login limits, Clock clock) {
        this.limits = limits;
        this.byNameAndAddress = new Counts(limits.maxFailures());
        this.byAddress = new Counts(limits.maxAddressFailures());
        this.byName = new Counts(limits.maxNameFailures());
        this.clock = clock;
    }

    SecurityProperties.Login limits() {
        return limits;
    }

    /** Whether a user name may be looked at at all: over {@link #MAX_USERNAME} characters it is refused unread. */
    static boolean acceptable(String username) {
        return username == null || username.length() <= MAX_USERNAME;
    }

    boolean locked(String username, String address) {
        Instant now = clock.instant();
        String name = name(username);
        String client = client(address);
        return byNameAndAddress.locked(name + '\n' + client, now)
                || byAddress.locked(client, now)
                || byName.locked(name, now);
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        String name = name(username);
        String client = client(address);
        byNameAndAddress.failed(name + '\n' + client, now);
        byAddress.failed(client, now);
        byName.failed(name, now);
    }

    void succeeded(String username, String address) {
        byNameAndAddress.clear(name(username) + '\n' + client(address));
    }

    /** Entries held over all counts (for tests of the bound). */
    int tracked() {
        return byNameAndAddress.size() + byAddress.size() + byName.size();
    }

    /** Counts a wrong password, then answers as the form login would. */
    AuthenticationFailureHandler failureHandler() {
        SimpleUrlAuthenticationFailureHandler standard = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, exception) -> {
            failed(request.getParameter("username"), request.getRemoteAddr());
            standard.onAuthenticationFailure(request, response, exception);
        };
    }

    /** Clears the name-and-address count, then goes where the user was headed. */
    AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler standard = new SavedRequestAwareAuthenticationSuccessHandler();
        return (request, response, authentication) -> {
            succeeded(authentication.getName(), request.getRemoteAddr());
            standard.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** Refuses the form's POST for an over-long or locked name before the password is even checked. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (LOGIN_FORM.matches(request)) {
                    String username = request.getParameter("username");
                    if (!acceptable(username)) {
                        response.sendError(
                                HttpServletResponse.SC_BAD_REQUEST,
                                "A user name has at most " + MAX_USERNAME + " characters.");
                        return;
                    }
                    if (locked(username, request.getRemoteAddr())) {
                        response.sendRedirect(request.getContextPath() + "/login?locked");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static String name(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /** The client as counted: an IPv4 address, or the /64 block of an IPv6 one. */
    static String client(String address) {
        if (address == null) {
            return "";
        }
        try {
            InetAddress parsed = InetAddress.ofLiteral(address);
            if (parsed instanceof Inet6Address) {
                return HexFormat.of().formatHex(Arrays.copyOf(parsed.getAddress(), 8)) + "/64";
            }
            return parsed.getHostAddress();
        } catch (IllegalArgumentException notALiteral) {
            return address.length() <= 64 ? address : address.substring(0, 64);
        }
    }

    /** Wrong passwords per key within the window, at most {@code maxTracked} keys (least recently used go). */
    private final class Counts {

        private final int max;
        private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > limits.maxTracked();
            }
        };

        Counts(int max) {
            this.max = max;
        }

        synchronized boolean locked(String key, Instant now) {
            Failures current = failures.get(key);
            return current != null && current.lockedAt(now);
        }

        synchronized void failed(String key, Instant now) {
            Failures current = failures.get(key);
            if (current == null || (current.first().plus(limits.window()).isBefore(now) && !current.lockedAt(now))) {
                failures.put(key, new Failures(1, now, null));
                return;
            }
            int count = current.count() + 1;
            failures.put(
                    key,
                    new Failures(
                            count, current.first(), count >= max ? now.plus(limits.lock()) : current.lockedUntil()));
        }

        synchronized void clear(String key) {
            failures.remove(key);
        }

        synchronized int size() {
            return failures.size();
        }
    }

    private record Failures(int count, Instant first, Instant lockedUntil) {

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }
}
