package io.sightline.mcp;

import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments as the JSON API's query parameters (name → values as text), so every tool
 * reads them with the API's own parsers ({@link Parameters}, {@code web.TimeRange},
 * {@code search.SearchQuery}) and answers a bad one with the API's message. Numbers are written
 * plainly ({@code 99}, {@code 0.5}, {@code 1732442400000}); a list gives one value per element;
 * an object is refused, naming the argument.
 */
final class ToolArguments {

    private final Map<String, List<String>> parameters;

    private ToolArguments(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    static ToolArguments of(Map<String, Object> arguments) {
        Map<String, List<String>> parameters = new HashMap<>();
        if (arguments != null) {
            arguments.forEach((name, value) -> {
                if (value instanceof List<?> values) {
                    List<String> texts = new ArrayList<>();
                    values.forEach(element -> texts.add(text(name, element)));
                    parameters.put(name, texts);
                } else if (value != null) {
                    parameters.put(name, List.of(text(name, value)));
                }
            });
        }
        return new ToolArguments(parameters);
    }

    private static String text(String name, Object value) {
        return switch (value) {
            case String text -> text;
            case Boolean flag -> flag.toString();
            case Double number
            when Double.isFinite(number) ->
                BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
            case Float number
            when Float.isFinite(number) ->
                BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
            case BigDecimal number -> number.stripTrailingZeros().toPlainString();
            case Number number when !(number instanceof Double || number instanceof Float) -> number.toString();
            case null, default -> throw new BadParameterException(name, "must be text, a number or a list of them");
        };
    }

    /** The arguments as query parameters: a copy the caller may change. */
    Map<String, List<String>> parameters() {
        return new HashMap<>(parameters);
    }

    /** The argument's first value, stripped; blank counts as absent, as in the API. */
    String text(String name) {
        return Parameters.first(parameters, name);
    }
}
