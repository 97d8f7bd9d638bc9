package io.sightline.span;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one alias table of the app: OpenTelemetry attribute names that newer semantic conventions
 * renamed. Spans are stored with the names they were sent with; ingest derives the typed columns
 * through {@link #value} and every query expands a name through {@link #names}, so either name finds
 * the data, whichever a service sends and whichever an older Sightline stored (it kept only the
 * current name).
 */
public final class SemanticConventions {

    public static final String USER_ID = "user.id";
    public static final String HTTP_METHOD = "http.request.method";
    public static final String HTTP_STATUS = "http.response.status_code";
    public static final String URL_FULL = "url.full";
    public static final String DB_SYSTEM = "db.system.name";
    public static final String DB_QUERY_TEXT = "db.query.text";
    public static final String DB_OPERATION = "db.operation.name";
    public static final String SERVICE_VERSION = "service.version";
    public static final String ENVIRONMENT = "deployment.environment.name";

    // Names are written into SQL as literals by the read side: keep them to plain dotted words.
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9_.]+");

    /** Old name → current name. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("http.method", HTTP_METHOD),
            Map.entry("http.status_code", HTTP_STATUS),
            Map.entry("http.url", URL_FULL),
            Map.entry("http.target", "url.path"),
            Map.entry("http.scheme", "url.scheme"),
            Map.entry("http.user_agent", "user_agent.original"),
            Map.entry("net.peer.name", "server.address"),
            Map.entry("net.peer.port", "server.port"),
            Map.entry("db.statement", DB_QUERY_TEXT),
            Map.entry("db.operation", DB_OPERATION),
            Map.entry("db.name", "db.namespace"),
            Map.entry("db.system", DB_SYSTEM),
            Map.entry("enduser.id", USER_ID),
            Map.entry("messaging.destination", "messaging.destination.name"),
            Map.entry("deployment.environment", ENVIRONMENT));

    /** Current name → every name it goes by, the current one first. */
    private static final Map<String, List<String>> NAMES = names();

    private SemanticConventions() {}

    /** The name current conventions give {@code key}: {@code key} itself unless it is an old name. */
    public static String currentName(String key) {
        return RENAMED.getOrDefault(key, key);
    }

    /** Every name {@code key} goes by, the current one first; just {@code key} when it has no other. */
    public static List<String> names(String key) {
        return NAMES.getOrDefault(currentName(key), List.of(key));
    }

    /**
     * The value of the attribute {@code name} (in any of its names) in {@code attributes}: under the
     * current name when present, else under an old one; null when under none.
     */
    public static String value(Map<String, String> attributes, String name) {
        for (String alias : names(name)) {
            String value = attributes.get(alias);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Map<String, List<String>> names() {
        Map<String, List<String>> names = new HashMap<>();
        // Old names in sorted order, so which one wins when a span carries two is always the same.
        new TreeMap<>(RENAMED).forEach((old, current) -> {
            if (!PLAIN.matcher(old).matches() || !PLAIN.matcher(current).matches()) {
                throw new IllegalStateException("not a plain attribute name: " + old + " or " + current);
            }
            names.computeIfAbsent(current, c -> new ArrayList<>(List.of(c))).add(old);
        });
        names.replaceAll((current, all) -> List.copyOf(all));
        return Map.copyOf(names);
    }
}
