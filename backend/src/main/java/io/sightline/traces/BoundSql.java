package io.sightline.traces;

import io.sightline.span.SemanticConventions;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database span's statement ({@code db.query.text}, or the older {@code db.statement}) with its bound values written in, for reading (never for running):
 * values recorded as {@code db.query.parameter.<index or name>} (OpenTelemetry's convention, indexes
 * from 0) replace the matching {@code $n} (index n-1), {@code ?} (in order) or {@code :name}
 * placeholders, quoted as SQL literals.
 * A placeholder without a recorded value (however large its number) is left as written.
 */
final class BoundSql {

    private static final String PREFIX = "db.query.parameter.";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)|\\?|:([A-Za-z_][A-Za-z0-9_]*)");

    private BoundSql() {}

    /** The statement with values bound; the statement alone when none were recorded; null for non-database spans. */
    static String of(Map<String, String> attributes) {
        String statement = SemanticConventions.value(attributes, SemanticConventions.DB_QUERY_TEXT);
        if (statement == null) {
            return null;
        }
        Map<String, String> values = new TreeMap<>();
        attributes.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                values.put(key.substring(PREFIX.length()), value);
            }
        });
        if (values.isEmpty()) {
            return statement;
        }
        Matcher matcher = PLACEHOLDER.matcher(statement);
        StringBuilder out = new StringBuilder();
        int position = 0;
        while (matcher.find()) {
            String key;
            if (matcher.group(1) != null) {
                // $1 is the first value, parameter.0; any number of digits, so $99999999999 cannot overflow
                key = new BigInteger(matcher.group(1)).subtract(BigInteger.ONE).toString();
            } else if (matcher.group(2) != null) {
                key = matcher.group(2);
            } else {
                key = Integer.toString(position++);
            }
            String value = values.get(key);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : literal(value)));
        }
        return matcher.appendTail(out).toString();
    }

    private static String literal(String value) {
        return value.matches("-?\\d+(\\.\\d+)?") ? value : "'" + value.replace("'", "''") + "'";
    }
}
