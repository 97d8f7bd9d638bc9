package io.sightline.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Service;

/**
 * The account changes users and admins make, with their rules, for the settings pages and the API
 * alike. Each applies to the affected user's next request ({@link SignedInUserFilter}); a refused
 * change throws {@link AccountException} with the sentence to show.
 */
@Service
public class Accounts {

    private final Users users;
    private final LoginThrottle throttle;
    private final ApiKeys apiKeys;

    Accounts(Users users, LoginThrottle throttle, ApiKeys apiKeys) {
        this.users = users;
        this.throttle = throttle;
        this.apiKeys = apiKeys;
    }

    /**
     * Changes the signed-in user's own password, given the current one, and keeps this session
     * signed in (under a new session ID); the user's other sessions end. Wrong current passwords
     * count as failed sign-ins of the user from this client, so a stolen session cannot guess faster
     * than the login form allows.
     */
    public void changeOwnPassword(
            UserPrincipal me, String current, String next, HttpServletRequest request, HttpServletResponse response) {
        if (throttle.locked(me.username(), request.getRemoteAddr())) {
            throw new AccountException("Too many wrong passwords: try again in a few minutes.");
        }
        UserPrincipal stored =
                users.find(me.id()).orElseThrow(() -> new AccountException("Your account no longer exists."));
        if (!users.passwordMatches(stored, current)) {
            throttle.failed(me.username(), request.getRemoteAddr());
            throw new AccountException("The current password is wrong.");
        }
        if (current.equals(next)) {
            throw new AccountException("The new password must differ from the current one.");
        }
        users.setPassword(me.id(), me.username(), next);
        UserPrincipal updated = users.find(me.id()).orElseThrow();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(updated.authentication());
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
    }

    /** Sets another user's password (admins); their sessions end. False when there is no such user. */
    public boolean resetPassword(long userId, String password) {
        return users.find(userId)
                .map(user -> users.setPassword(userId, user.username(), password))
                .orElse(false);
    }

    /** Changes a user's role (admins); an admin cannot demote themselves. False when there is no such user. */
    public boolean changeRole(UserPrincipal me, long userId, Role role) {
        if (me.id() == userId && role != Role.ADMIN) {
            throw new AccountException("You cannot take away your own admin role; ask another admin.");
        }
        return users.changeRole(userId, role);
    }

    /** Deletes a user and their memberships (admins); not oneself. False when there is no such user. */
    public boolean delete(UserPrincipal me, long userId) {
        if (me.id() == userId) {
            throw new AccountException("You cannot delete yourself; ask another admin.");
        }
        return users.delete(userId);
    }

    /** Takes a user out of a project (admins). False when they were not a member. */
    public boolean removeMember(long projectId, long userId) {
        return users.removeFromProject(userId, projectId);
    }

    /** Revokes the bootstrap API key (admins); a restart does not bring it back. Returns how many keys were revoked. */
    public int revokeBootstrapKey() {
        return apiKeys.revokeBootstrap(null);
    }
}
