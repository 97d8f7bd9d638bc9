package io.sightline.span;

import java.util.Map;

/**
 * OpenTelemetry attribute names that were renamed in newer semantic conventions. Ingest stores
 * the current name only, so every query looks in one place; query inputs (Jaeger tags, search
 * conditions) go through {@link #currentName} too, so either name finds the data.
 */
public final class SemanticConventions {

    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("http.method", "http.request.method"),
            Map.entry("http.status_code", "http.response.status_code"),
            Map.entry("http.url", "url.full"),
            Map.entry("http.target", "url.path"),
            Map.entry("http.scheme", "url.scheme"),
            Map.entry("http.user_agent", "user_agent.original"),
            Map.entry("net.peer.name", "server.address"),
            Map.entry("net.peer.port", "server.port"),
            Map.entry("db.statement", "db.query.text"),
            Map.entry("db.operation", "db.operation.name"),
            Map.entry("db.name", "db.namespace"),
            Map.entry("db.system", "db.system.name"),
            Map.entry("enduser.id", "user.id"),
            Map.entry("messaging.destination", "messaging.destination.name"),
            Map.entry("deployment.environment", "deployment.environment.name"));

    private SemanticConventions() {}

    public static String currentName(String key) {
        return RENAMED.getOrDefault(key, key);
    }
}
