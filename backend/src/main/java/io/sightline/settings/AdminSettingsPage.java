package io.sightline.settings;

import io.sightline.security.AccountException;
import io.sightline.security.Accounts;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Role;
import io.sightline.security.UserPrincipal;
import io.sightline.security.Users;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Admins only (see SecurityConfiguration): projects and their members, users with their roles and
 * passwords, and the bootstrap API key. Every change applies to the affected user's next request.
 */
@Controller
class AdminSettingsPage {

    private final Projects projects;
    private final Users users;
    private final Accounts accounts;
    private final ApiKeys apiKeys;

    AdminSettingsPage(Projects projects, Users users, Accounts accounts, ApiKeys apiKeys) {
        this.projects = projects;
        this.users = users;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
    }

    @GetMapping("/settings/projects")
    ModelAndView projects() {
        return page(null, null);
    }

    @PostMapping("/settings/projects")
    ModelAndView createProject(@RequestParam String name) {
        if (name.isBlank() || name.length() > 100) {
            return page(null, "A project name has 1 to 100 characters.");
        }
        try {
            projects.create(name.strip());
            return page("Project " + name.strip() + " created.", null);
        } catch (DuplicateKeyException e) {
            return page(null, "A project named " + name.strip() + " exists already.");
        }
    }

    @PostMapping("/settings/projects/{id}/members")
    ModelAndView addMember(@PathVariable long id, @RequestParam String username) {
        var user = users.idOf(username.strip());
        if (user.isEmpty()) {
            return page(null, "There is no user " + username.strip() + ".");
        }
        try {
            users.addToProject(user.get(), id);
            return page(username.strip() + " added.", null);
        } catch (DuplicateKeyException e) {
            return page(null, username.strip() + " is a member already.");
        } catch (DataIntegrityViolationException e) {
            return page(null, "There is no such project.");
        }
    }

    @PostMapping("/settings/projects/{id}/members/{userId}/remove")
    ModelAndView removeMember(@PathVariable long id, @PathVariable long userId) {
        return accounts.removeMember(id, userId)
                ? page("Member removed.", null)
                : page(null, "That user is not a member of the project.");
    }

    /** A project's own ingest quota in spans per second: 0 unlimited, empty for the instance default. */
    @PostMapping("/settings/projects/{id}/quota")
    ModelAndView setIngestQuota(@PathVariable long id, @RequestParam(defaultValue = "") String spansPerSecond) {
        String text = spansPerSecond.strip();
        Long quota = null;
        if (!text.isEmpty()) {
            quota = text.matches("[0-9]{1,15}") ? Long.valueOf(text) : null;
            if (quota == null) {
                return page(
                        null,
                        "An ingest quota is a whole number of spans per second (0: unlimited), or empty for the default.");
            }
        }
        if (!projects.setIngestSpansPerSecond(id, quota)) {
            return page(null, "There is no such project.");
        }
        return page(
                quota == null ? "Ingest quota set back to the default." : "Ingest quota set to " + quota + " spans/s.",
                null);
    }

    @PostMapping("/settings/users")
    ModelAndView createUser(@RequestParam String username, @RequestParam String password, @RequestParam Role role) {
        if (!username.strip().matches("[A-Za-z0-9._@-]{1,100}")) {
            return page(null, "A user name has 1 to 100 letters, digits or . _ @ -.");
        }
        try {
            users.create(username.strip(), password, role);
            return page(
                    "User " + username.strip() + " created as " + role.name().toLowerCase() + ".", null);
        } catch (DuplicateKeyException e) {
            return page(null, "A user named " + username.strip() + " exists already.");
        }
    }

    @PostMapping("/settings/users/{id}/role")
    ModelAndView changeRole(@PathVariable long id, @RequestParam Role role, @AuthenticationPrincipal UserPrincipal me) {
        return accounts.changeRole(me, id, role)
                ? page("Role changed to " + role.name().toLowerCase() + ".", null)
                : page(null, "There is no such user.");
    }

    @PostMapping("/settings/users/{id}/password")
    ModelAndView resetPassword(@PathVariable long id, @RequestParam String password) {
        return accounts.resetPassword(id, password)
                ? page("Password reset; the user's sessions have ended.", null)
                : page(null, "There is no such user.");
    }

    @PostMapping("/settings/users/{id}/delete")
    ModelAndView deleteUser(@PathVariable long id, @AuthenticationPrincipal UserPrincipal me) {
        return accounts.delete(me, id) ? page("User deleted.", null) : page(null, "There is no such user.");
    }

    @PostMapping("/settings/bootstrap-key/revoke")
    ModelAndView revokeBootstrapKey() {
        return accounts.revokeBootstrapKey() > 0
                ? page("The bootstrap API key is revoked.", null)
                : page(null, "The bootstrap API key was already revoked.");
    }

    /** A change the rules refuse: the page again, saying why. */
    @ExceptionHandler(AccountException.class)
    ModelAndView refused(AccountException e) {
        return page(null, e.getMessage());
    }

    private ModelAndView page(String notice, String error) {
        ModelAndView page = new ModelAndView("settings/admin");
        page.addObject("projects", projects.list(projects.allIds()));
        page.addObject("users", users.list());
        page.addObject("roles", Role.values());
        page.addObject("bootstrapKeyLive", apiKeys.bootstrapLive());
        page.addObject("notice", notice);
        page.addObject("error", error);
        return page;
    }
}
