package io.sightline.alerts;

import io.sightline.security.ProjectAccess;
import io.sightline.security.Projects;
import io.sightline.web.BadParameterException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /alerts}: the rules of the user's projects with their state and last value, and a form to
 * create one; {@code /alerts/{id}}: a rule's definition, its edit form, its history with each event's
 * exemplar traces and their diagnosis. Members and admins change rules; viewers only read (the forms
 * are not shown to them, and {@link AlertRules} refuses them anyway). The form's fields are the API's,
 * checked by the same {@link AlertRuleInput}.
 */
@Controller
class AlertsPage {

    private static final int EVENTS_SHOWN = 50;

    private final AlertRules rules;
    private final Projects projects;
    private final ProjectAccess projectAccess;

    AlertsPage(AlertRules rules, Projects projects, ProjectAccess projectAccess) {
        this.rules = rules;
        this.projects = projects;
        this.projectAccess = projectAccess;
    }

    @GetMapping("/alerts")
    ModelAndView list() {
        return listPage(null, Map.of());
    }

    @PostMapping("/alerts")
    ModelAndView create(@RequestParam MultiValueMap<String, String> form) {
        try {
            AlertViews.Rule created = rules.create(project(form.getFirst("project")), definition(form));
            return new ModelAndView("redirect:/alerts/" + created.id());
        } catch (BadParameterException e) {
            return listPage(e.getMessage(), form.toSingleValueMap());
        }
    }

    @GetMapping("/alerts/{id}")
    ModelAndView rule(@PathVariable long id) {
        return rulePage(rules.get(id), null, null);
    }

    @PostMapping("/alerts/{id}")
    ModelAndView update(@PathVariable long id, @RequestParam MultiValueMap<String, String> form) {
        try {
            rules.update(id, definition(form));
            return new ModelAndView("redirect:/alerts/" + id);
        } catch (BadParameterException e) {
            return rulePage(rules.get(id), e.getMessage(), form.toSingleValueMap());
        }
    }

    @PostMapping("/alerts/{id}/delete")
    String delete(@PathVariable long id) {
        rules.delete(id);
        return "redirect:/alerts";
    }

    @PostMapping("/alerts/{id}/evaluate")
    String evaluate(@PathVariable long id) {
        rules.evaluate(id);
        return "redirect:/alerts/" + id;
    }

    private static Long project(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException("project", "must be a project's ID");
        }
    }

    private ModelAndView listPage(String error, Map<String, String> form) {
        ModelAndView page = new ModelAndView("alerts/alerts");
        List<AlertViews.Rule> all = rules.list();
        Set<Long> shown = all.stream().map(AlertViews.Rule::projectId).collect(Collectors.toCollection(HashSet::new));
        Set<Long> manageable = projectAccess.manageableProjects();
        shown.addAll(manageable);
        page.addObject("rules", all);
        page.addObject("projectNames", projectNames(shown));
        page.addObject("manageable", projects.list(manageable));
        page.addObject("error", error);
        page.addObject("form", form);
        return page;
    }

    private ModelAndView rulePage(AlertViews.Rule rule, String error, Map<String, String> form) {
        ModelAndView page = new ModelAndView("alerts/rule");
        page.addObject("rule", rule);
        page.addObject("manages", rules.manages(rule.projectId()));
        page.addObject("events", rules.events(rule.id(), EVENTS_SHOWN));
        page.addObject("error", error);
        page.addObject("form", form == null ? fields(rule) : form);
        return page;
    }

    private Map<Long, String> projectNames(Set<Long> ids) {
        return projects.list(ids).stream()
                .collect(Collectors.toMap(Projects.ProjectInfo::id, Projects.ProjectInfo::name));
    }

    /** The form as the API's JSON body: a deploy rule without the threshold fields, numbers as numbers. */
    static ObjectNode definition(MultiValueMap<String, String> form) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        boolean deploy = "deploy".equals(form.getFirst("type"));
        List<String> fields = deploy
                ? List.of("type", "name", "service", "window", "webhookUrl", "format")
                : List.of(
                        "type", "name", "service", "endpoint", "metric", "operator", "window", "webhookUrl", "format");
        for (String field : fields) {
            String value = form.getFirst(field);
            if (value != null && !value.isBlank()) {
                body.put(field, value);
            }
        }
        number(body, deploy ? "factor" : "threshold", form.getFirst(deploy ? "factor" : "threshold"));
        return body;
    }

    private static void number(ObjectNode body, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            body.put(field, Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            body.put(field, value);
        }
    }

    /** A rule's definition as its edit form shows it. */
    private static Map<String, String> fields(AlertViews.Rule rule) {
        Map<String, String> form = new java.util.HashMap<>();
        form.put("type", rule.type());
        form.put("name", rule.name());
        form.put("service", rule.service());
        form.put("endpoint", rule.endpoint());
        form.put("metric", rule.metric());
        form.put("operator", rule.operator());
        form.put("threshold", rule.threshold() == null ? null : AlertViews.plain(rule.threshold()));
        form.put("factor", rule.factor() == null ? null : AlertViews.plain(rule.factor()));
        form.put("window", rule.window());
        form.put("webhookUrl", rule.webhookUrl());
        form.put("format", rule.format());
        return form;
    }
}
