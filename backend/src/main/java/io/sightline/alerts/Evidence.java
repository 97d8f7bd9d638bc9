package io.sightline.alerts;

import java.util.List;

/**
 * What a notification shows besides the number: up to five traces that crossed the line, each with
 * its diagnosis, and what sets the slow requests apart from the rest (the slow-versus-rest result, as
 * sentences). Kept with the alert's history, so {@code recent_alerts} and the alerts page show it too.
 */
public record Evidence(List<Exemplar> exemplars, List<String> setApart) {

    public static final int MAX_EXEMPLARS = 5;

    public Evidence {
        exemplars = List.copyOf(exemplars);
        setApart = List.copyOf(setApart);
    }

    public static Evidence none() {
        return new Evidence(List.of(), List.of());
    }

    /**
     * One trace that crossed the line.
     *
     * @param link the trace page's absolute URL
     * @param diagnosis the trace's diagnosis sentence, or null when it has none
     */
    public record Exemplar(String traceId, double durationMs, String link, String diagnosis) {}
}
