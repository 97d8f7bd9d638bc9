package io.sightline.query;

import io.sightline.span.SemanticConventions;
import io.sightline.span.SpanColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Attribute reads in SQL with the semantic-convention aliases applied: spans keep attribute names
 * as they were sent, so a name is looked up under every name it goes by
 * ({@link SemanticConventions#names}), and a condition on an attribute a typed column holds reads
 * that column instead.
 */
public final class AttributeSql {

    /** Text the UInt16 status column can equal: no sign, no leading zero. */
    private static final Pattern STATUS = Pattern.compile("[1-9][0-9]{0,4}");

    private AttributeSql() {}

    /**
     * The value of attribute {@code name} in the map column {@code map} ({@code s.attributes}): under
     * its current name when present, else under an old one, else {@code ''}. {@code name} must be a
     * constant of {@link SemanticConventions}: its names are written into the SQL as literals.
     */
    public static String value(String map, String name) {
        List<String> names = SemanticConventions.names(name);
        String value = map + "['" + names.getLast() + "']";
        for (int i = names.size() - 2; i >= 0; i--) {
            value = "if(mapContains(" + map + ", '" + names.get(i) + "'), " + map + "['" + names.get(i) + "'], " + value
                    + ")";
        }
        return value;
    }

    /** {@link #value}, or {@code fallback} (an SQL expression) when that is empty. */
    public static String valueOr(String map, String name, String fallback) {
        String value = value(map, name);
        return "if(" + value + " != '', " + value + ", " + fallback + ")";
    }

    /**
     * Spans, on the table aliased {@code alias} ({@code ""} for none), whose attribute {@code key},
     * under any of its names, equals {@code value}. When a typed column holds that attribute, the
     * condition is on the column (an HTTP status only when {@code value} is a plain number, as the
     * UInt16 column holds it); otherwise on the span's and the resource's attribute maps under every
     * name. Parameters are named {@code <prefix>Value} and {@code <prefix>Key<n>}.
     */
    public static SqlFragment equals(String alias, String key, String value, String prefix) {
        String a = alias.isEmpty() ? "" : alias + ".";
        String valueParameter = prefix + "Value";
        SpanColumn column = SpanColumn.holding(key);
        if (column == SpanColumn.HTTP_STATUS && STATUS.matcher(value).matches() && Integer.parseInt(value) <= 65_535) {
            return new SqlFragment(
                    a + column.column() + " = {" + valueParameter + ":UInt16}",
                    Map.of(valueParameter, Integer.parseInt(value)));
        }
        if (column != null && column != SpanColumn.HTTP_STATUS) {
            return new SqlFragment(
                    a + column.column() + " = {" + valueParameter + ":String}", Map.of(valueParameter, value));
        }
        Map<String, Object> parameters = new HashMap<>(Map.of(valueParameter, value));
        List<String> conditions = new ArrayList<>();
        List<String> names = SemanticConventions.names(key);
        for (int i = 0; i < names.size(); i++) {
            String keyParameter = prefix + "Key" + i;
            parameters.put(keyParameter, names.get(i));
            for (String map : List.of("attributes", "resource")) {
                conditions.add(a + map + "[{" + keyParameter + ":String}] = {" + valueParameter + ":String}");
            }
        }
        return new SqlFragment("(" + String.join(" OR ", conditions) + ")", parameters);
    }
}
