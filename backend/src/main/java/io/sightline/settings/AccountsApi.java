package io.sightline.settings;

import io.sightline.security.AccountException;
import io.sightline.security.Accounts;
import io.sightline.security.UserPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The account changes of the settings pages as JSON, for a signed-in session (API keys have no
 * user): {@code PUT /api/v1/account/password} for anyone; deleting users, resetting passwords,
 * removing members and revoking the bootstrap key for admins (see SecurityConfiguration). Only PUT
 * and DELETE with JSON bodies, which a cross-site form cannot send. A refused change answers 400
 * {@code {"error": "..."}}, an unknown user or membership 404.
 */
@RestController
class AccountsApi {

    private final Accounts accounts;

    AccountsApi(Accounts accounts) {
        this.accounts = accounts;
    }

    record PasswordChange(String currentPassword, String newPassword) {}

    record PasswordReset(String password) {}

    @PutMapping(path = "/api/v1/account/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> changePassword(
            @AuthenticationPrincipal UserPrincipal me,
            @RequestBody PasswordChange change,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (me == null) {
            throw new AccessDeniedException("only a signed-in user has a password to change");
        }
        if (change.currentPassword() == null || change.newPassword() == null) {
            throw new AccountException("Both currentPassword and newPassword are required.");
        }
        accounts.changeOwnPassword(me, change.currentPassword(), change.newPassword(), request, response);
        return ResponseEntity.noContent().build();
    }

    @PutMapping(path = "/api/v1/users/{id}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> resetPassword(@PathVariable long id, @RequestBody PasswordReset reset) {
        return found(accounts.resetPassword(id, reset.password()), "no user " + id);
    }

    @DeleteMapping("/api/v1/users/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @AuthenticationPrincipal UserPrincipal me) {
        return found(accounts.delete(me, id), "no user " + id);
    }

    @DeleteMapping("/api/v1/projects/{projectId}/members/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable long projectId, @PathVariable long userId) {
        return found(
                accounts.removeMember(projectId, userId),
                "user " + userId + " is not a member of project " + projectId);
    }

    @DeleteMapping("/api/v1/bootstrap-key")
    Map<String, Integer> revokeBootstrapKey() {
        return Map.of("revoked", accounts.revokeBootstrapKey());
    }

    @ExceptionHandler(AccountException.class)
    ResponseEntity<Map<String, String>> refused(AccountException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static ResponseEntity<Void> found(boolean done, String otherwise) {
        if (!done) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, otherwise);
        }
        return ResponseEntity.noContent().build();
    }
}
