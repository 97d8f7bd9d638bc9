package io.sightline.query;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A piece of SQL and the values of the {@code {name:Type}} parameters it uses. Values are only ever
 * bound by the engine: a fragment's text holds column names and placeholders, never input.
 */
public record SqlFragment(String sql, Map<String, Object> parameters) {

    public SqlFragment {
        parameters = Map.copyOf(parameters);
    }

    /** Both conditions; a parameter both use must hold the same value. */
    public SqlFragment and(SqlFragment other) {
        return new SqlFragment(sql + " AND " + other.sql, merged(other));
    }

    /** Either condition, parenthesised. */
    public SqlFragment or(SqlFragment other) {
        return new SqlFragment("((" + sql + ") OR (" + other.sql + "))", merged(other));
    }

    /** Adds this fragment's parameters to a query's. */
    public String bindInto(Map<String, Object> queryParameters) {
        parameters.forEach((name, value) -> {
            Object bound = queryParameters.putIfAbsent(name, value);
            if (bound != null && !bound.equals(value)) {
                throw new IllegalArgumentException("parameter " + name + " bound twice with different values");
            }
        });
        return sql;
    }

    private Map<String, Object> merged(SqlFragment other) {
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        other.bindInto(all);
        return all;
    }
}
