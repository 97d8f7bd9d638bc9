package io.sightline.settings;

import io.sightline.security.ApiKeys;
import io.sightline.security.IssuedKey;
import io.sightline.security.ProjectAccess;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * API keys of the projects the user belongs to (admins: all): create one with ingest, read and/or
 * manage scope — its secret is shown on the answer page only, once — and revoke. Viewers cannot open it.
 */
@Controller
class KeySettingsPage {

    private final ApiKeys apiKeys;
    private final Projects projects;
    private final ProjectAccess projectAccess;

    KeySettingsPage(ApiKeys apiKeys, Projects projects, ProjectAccess projectAccess) {
        this.apiKeys = apiKeys;
        this.projects = projects;
        this.projectAccess = projectAccess;
    }

    @GetMapping("/settings/keys")
    ModelAndView keys() {
        return page(null, null);
    }

    @PostMapping("/settings/keys")
    ModelAndView create(
            @RequestParam long project,
            @RequestParam String name,
            @RequestParam(name = "scopes", required = false) List<String> scopes) {
        Set<Long> mine = projectAccess.readableProjects();
        if (!mine.contains(project)) {
            throw new AccessDeniedException("not a member of project " + project);
        }
        if (name.isBlank() || name.length() > 100) {
            return page(null, "Give the key a name of 1 to 100 characters, such as the service that will use it.");
        }
        EnumSet<Scope> chosen = EnumSet.noneOf(Scope.class);
        for (String scope : scopes == null ? List.<String>of() : scopes) {
            try {
                chosen.add(Scope.valueOf(scope));
            } catch (IllegalArgumentException e) {
                return page(null, "Unknown scope " + scope + ".");
            }
        }
        if (chosen.isEmpty()) {
            return page(
                    null,
                    "Choose at least one scope: ingest to send spans, read to query them, manage for alert rules.");
        }
        IssuedKey key = apiKeys.issue(project, name.strip(), chosen);
        return page(key.secret(), null);
    }

    @PostMapping("/settings/keys/{id}/revoke")
    String revoke(@PathVariable long id) {
        long project = apiKeys.projectOf(id).orElseThrow(() -> new AccessDeniedException("no such key"));
        if (!projectAccess.readableProjects().contains(project)) {
            throw new AccessDeniedException("not a member of the key's project");
        }
        apiKeys.revoke(id);
        return "redirect:/settings/keys";
    }

    private ModelAndView page(String newSecret, String error) {
        Set<Long> mine = projectAccess.readableProjects();
        ModelAndView page = new ModelAndView("settings/keys");
        page.addObject("keys", apiKeys.list(mine));
        page.addObject("projects", projects.list(mine));
        page.addObject("newSecret", newSecret);
        page.addObject("error", error);
        page.addObject(
                "admin",
                SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                        .anyMatch(authority -> authority.getAuthority().equals("ROLE_ADMIN")));
        return page;
    }
}
