package io.sightline.settings;

import io.sightline.security.AccountException;
import io.sightline.security.Accounts;
import io.sightline.security.UserPrincipal;
import io.sightline.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Accounts")
@SecurityRequirement(name = ApiDocs.SESSION)
class AccountsApi {

    private final Accounts accounts;

    AccountsApi(Accounts accounts) {
        this.accounts = accounts;
    }

    record PasswordChange(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            String currentPassword,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Checked by the password policy")
            String newPassword) {}

    record PasswordReset(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Checked by the password policy")
            String password) {}

    record Revoked(
            @Schema(description = "Bootstrap keys revoked: 0 when already revoked")
            int revoked) {}

    @Operation(
            operationId = "changeOwnPassword",
            summary = "Change your password",
            description = "For the signed-in user (API keys have no password). The session stays signed in under"
                    + " a new session ID. Wrong current passwords count toward the sign-in lock.")
    @ApiResponse(responseCode = "204", description = "Changed")
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

    @Operation(
            operationId = "resetPassword",
            summary = "Reset a user's password",
            description = "Admins only. The user's sessions end.")
    @ApiResponse(responseCode = "204", description = "Reset")
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @PutMapping(path = "/api/v1/users/{id}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> resetPassword(
            @Parameter(description = "User ID") @PathVariable long id, @RequestBody PasswordReset reset) {
        return found(accounts.resetPassword(id, reset.password()), "no user " + id);
    }

    @Operation(
            operationId = "deleteUser",
            summary = "Delete a user",
            description = "Admins only. The user is signed out at their next request. An admin cannot delete"
                    + " themselves (400).")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @DeleteMapping("/api/v1/users/{id}")
    ResponseEntity<Void> delete(
            @Parameter(description = "User ID") @PathVariable long id, @AuthenticationPrincipal UserPrincipal me) {
        return found(accounts.delete(me, id), "no user " + id);
    }

    @Operation(
            operationId = "removeMember",
            summary = "Remove a member from a project",
            description = "Admins only. The user loses the project at their next request.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @DeleteMapping("/api/v1/projects/{projectId}/members/{userId}")
    ResponseEntity<Void> removeMember(
            @Parameter(description = "Project ID") @PathVariable long projectId,
            @Parameter(description = "User ID") @PathVariable long userId) {
        return found(
                accounts.removeMember(projectId, userId),
                "user " + userId + " is not a member of project " + projectId);
    }

    @Operation(
            operationId = "revokeBootstrapKey",
            summary = "Revoke the bootstrap key",
            description = "Admins only. Revokes the key made at first start (SIGHTLINE_BOOTSTRAP_API_KEY), once"
                    + " pipelines use keys of their own.")
    @DeleteMapping("/api/v1/bootstrap-key")
    Revoked revokeBootstrapKey() {
        return new Revoked(accounts.revokeBootstrapKey());
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
