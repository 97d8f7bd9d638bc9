package io.sightline.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request of a signed-in user sees the user as the metadata database holds them now, not as
 * they were at sign-in: a changed role applies to the next request, and a deleted user — or one
 * whose password was changed or reset in another session — is signed out there (the session is
 * invalidated). It costs one primary-key lookup per session request; API-key requests skip it.
 * Memberships need nothing here: {@link SecurityProjectAccess} reads them on every request.
 */
final class SignedInUserFilter extends OncePerRequestFilter {

    private final Users users;

    SignedInUserFilter(Users users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal()
                        instanceof UserPrincipal signedIn) {
            Optional<UserPrincipal> current = users.find(signedIn.id());
            if (current.isEmpty() || !current.get().passwordHash().equals(signedIn.passwordHash())) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            } else if (!current.get().equals(signedIn)) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(current.get().authentication());
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
