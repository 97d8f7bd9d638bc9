package io.sightline.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool's input schema (JSON Schema, an object of named arguments), each argument with the
 * description an agent reads to fill it in. Ranges and formats are said in the descriptions rather
 * than as schema constraints: the tools check them with the JSON API's parsers, so a bad value gets
 * the API's message (the SDK's own validation is off, see {@link McpConfiguration}).
 */
final class ToolSchema {

    static final String WINDOW_BOUND = "ISO-8601 (2026-11-24T10:00:00Z) or epoch milliseconds.";

    static final String SERVICE = "Service name (service.name).";

    static final String ENDPOINT =
            "Endpoint: the http.route with its method, else the span name, such as POST /checkout.";

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    ToolSchema text(String name, String description) {
        return property(name, Map.of("type", "string", "description", description));
    }

    ToolSchema number(String name, String description) {
        return property(name, Map.of("type", "number", "description", description));
    }

    ToolSchema integer(String name, String description) {
        return property(name, Map.of("type", "integer", "description", description));
    }

    ToolSchema choice(String name, String description, String... values) {
        return property(name, Map.of("type", "string", "enum", List.of(values), "description", description));
    }

    ToolSchema texts(String name, String description) {
        return property(name, Map.of("type", "array", "items", Map.of("type", "string"), "description", description));
    }

    /**
     * The window every API takes ({@code web.TimeRange}): {@code from}/{@code to} or {@code range}
     * back from now, {@code defaultRange} when none is given; with {@code deployWindows}, also
     * {@code deploy=service@version} and the ranges {@code deploy:last}, {@code deploy:previous}.
     */
    ToolSchema window(String defaultRange, boolean deployWindows) {
        text("from", "Start of the window: " + WINDOW_BOUND + " With from, to defaults to now.");
        text("to", "End of the window: " + WINDOW_BOUND);
        text(
                "range",
                "The window back from now instead of from/to: a number and m, h or d, such as 15m, 1h or 7d (at"
                        + " most 31 days)"
                        + (deployWindows
                                ? "; or deploy:last (since the newest deploy) or deploy:previous (the deploy before)"
                                : "")
                        + ". Default: " + defaultRange + ".");
        if (deployWindows) {
            text(
                    "deploy",
                    "A deploy's window instead of from/to/range, written service@version such as"
                            + " checkout@1.5.0: from its marker to the next deploy of the service, or now.");
        }
        return this;
    }

    ToolSchema required(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    McpSchema.JsonSchema build() {
        return new McpSchema.JsonSchema("object", properties, List.copyOf(required), false, null, null);
    }

    private ToolSchema property(String name, Map<String, Object> schema) {
        properties.put(name, schema);
        return this;
    }
}
