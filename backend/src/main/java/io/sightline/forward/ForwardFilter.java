package io.sightline.forward;

import io.sightline.span.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which spans a destination takes: those of the named projects and services; an empty set takes all. */
record ForwardFilter(Set<String> projects, Set<String> services) {

    boolean takesProject(String projectName) {
        return projects.isEmpty() || projects.contains(projectName);
    }

    /** The spans of the named services, or {@code spans} itself when every service is taken. */
    List<Span> select(List<Span> spans) {
        if (services.isEmpty()) {
            return spans;
        }
        List<Span> selected = new ArrayList<>();
        for (Span span : spans) {
            if (services.contains(span.service())) {
                selected.add(span);
            }
        }
        return selected;
    }
}
