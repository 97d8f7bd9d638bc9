package io.sightline.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Formats Java values as the text ClickHouse parses for a {@code {name:Type}} query parameter, the
 * same for both engines. Instants travel as epoch nanoseconds: bind them as {@code {t:Int64}} and
 * convert in SQL with {@code fromUnixTimestamp64Nano}, so no time zone is ever guessed.
 */
public final class QueryParameters {

    private QueryParameters() {}

    public static Map<String, String> format(Map<String, ?> parameters) {
        Map<String, String> text = new LinkedHashMap<>();
        parameters.forEach((name, value) -> text.put(name, format(value)));
        return text;
    }

    public static String format(Object value) {
        return switch (value) {
            case null -> throw new IllegalArgumentException("query parameters cannot be null");
            case Instant instant -> Long.toString(epochNanos(instant));
            case Collection<?> values -> arrayLiteral(values);
            case CharSequence text -> escaped(text.toString());
            default -> value.toString();
        };
    }

    public static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    // A top-level parameter is read in ClickHouse's escaped (TSV) text form.
    private static String escaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    // Inside an array, elements are quoted literals.
    private static String arrayLiteral(Collection<?> values) {
        StringBuilder out = new StringBuilder("[");
        for (Object element : values) {
            if (out.length() > 1) {
                out.append(',');
            }
            switch (element) {
                case null -> throw new IllegalArgumentException("array parameters cannot hold null");
                case CharSequence text -> out.append(quoted(text.toString()));
                case Instant instant -> out.append(epochNanos(instant));
                default -> out.append(element);
            }
        }
        return out.append(']').toString();
    }

    private static String quoted(String text) {
        return "'" + escaped(text).replace("'", "\\'") + "'";
    }
}
