package io.sightline.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a query in {@code JSONEachRow} and returns its rows as JSON trees: the features' way to
 * read small results. 64-bit integers arrive as JSON numbers: the output setting is appended here,
 * once, so the query passed must not end with a {@code SETTINGS} clause of its own.
 */
public final class JsonRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // The port takes no settings (the embedded engine has no per-query settings channel), so they travel in the SQL.
    private static final String OUTPUT_SETTINGS = "\nSETTINGS output_format_json_quote_64bit_integers = 0";

    private JsonRows() {}

    public static List<JsonNode> read(ClickHouse clickHouse, String sql, Map<String, ?> parameters) {
        List<JsonNode> rows = new ArrayList<>();
        try (InputStream result = clickHouse.query(sql.stripTrailing() + OUTPUT_SETTINGS, parameters, "JSONEachRow")) {
            new String(result.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .forEach(line -> rows.add(JSON.readTree(line)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
