package io.sightline.bench;

import io.sightline.storage.embedded.EmbeddedClickHouse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Bytes on disk per span of a stopped instance's embedded store, measured the same way every time
 * (not a test): merges every table to one part per partition ({@code OPTIMIZE … FINAL}), so the
 * figure does not depend on how far background merges had got, then prints from {@code system.parts}
 * each table's bytes per span (everything on disk: data, marks, primary and skip indexes) and from
 * {@code system.parts_columns} each {@code spans} column's compressed bytes per span.
 *
 * <pre>java -cp … io.sightline.bench.StorageReport libchdb.so data-dir [database=sightline]</pre>
 */
public final class StorageReport {

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        String database = args.length > 2 ? args[2] : "sightline";
        try (EmbeddedClickHouse clickHouse =
                new EmbeddedClickHouse(library, dataDir.resolve("clickhouse"), 1, 1, Map.of(), 3_600_000)) {
            for (String table : List.of("spans", "trace_index", "endpoint_minutes")) {
                clickHouse.command("OPTIMIZE TABLE " + database + "." + table + " FINAL");
            }
            Map<String, String> parameters = Map.of("database", database);
            String spans = text(clickHouse, "SELECT count() FROM " + database + ".spans", Map.of(), "TSVRaw")
                    .strip();
            System.out.printf("spans: %s (every table merged)%n", spans);
            System.out.print(text(clickHouse, """
                    SELECT table, sum(bytes_on_disk) AS bytes, round(bytes / %1$s, 2) AS per_span
                    FROM system.parts WHERE active AND database = {database:String}
                    GROUP BY table WITH TOTALS ORDER BY bytes DESC
                    """.formatted(spans), parameters, "PrettyCompactMonoBlock"));
            System.out.print(text(clickHouse, """
                    SELECT column, round(sum(column_data_compressed_bytes) / %1$s, 2) AS per_span,
                           round(sum(column_data_uncompressed_bytes) / %1$s, 1) AS uncompressed_per_span,
                           any(compression_codec) AS codec
                    FROM system.parts_columns AS p
                    LEFT JOIN system.columns AS c ON c.database = p.database AND c.table = p.table AND c.name = p.column
                    WHERE p.active AND p.database = {database:String} AND p.table = 'spans'
                    GROUP BY column ORDER BY per_span DESC
                    """.formatted(spans), parameters, "PrettyCompactMonoBlock"));
        }
    }

    private static String text(EmbeddedClickHouse clickHouse, String sql, Map<String, ?> parameters, String format)
            throws Exception {
        try (InputStream result = clickHouse.query(sql, parameters, format)) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
