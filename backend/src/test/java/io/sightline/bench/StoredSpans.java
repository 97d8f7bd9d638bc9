package io.sightline.bench;

import io.sightline.storage.embedded.EmbeddedClickHouse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts what a <em>stopped</em> embedded instance stored, by opening its data directory with the
 * same engine: spans per {@code bench.run} tag (to compare with the acknowledged counts the
 * benchmarks printed) and bytes on disk per span from {@code system.parts}, everything included.
 * Never point it at the data of a running instance: two engines must not share one directory.
 */
public final class StoredSpans {

    private StoredSpans() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(args, Set.of("data-dir", "library", "database"));
        Path data = Path.of(options.text("data-dir", "target/bench-data")).resolve("clickhouse");
        String database = options.text("database", "sightline");
        EmbeddedClickHouse clickHouse = new EmbeddedClickHouse(Path.of(options.text("library", "")), data, 1, 60_000);
        try {
            System.out.println("stored spans per bench.run in " + data.toAbsolutePath() + ":");
            print(clickHouse, """
                    SELECT resource['bench.run'] AS run, count() AS spans, uniqExact(trace_id) AS traces,
                           min(start_time) AS first, max(start_time) AS last
                    FROM {database:Identifier}.spans GROUP BY run ORDER BY first""", database);
            System.out.println("on disk (active parts):");
            print(clickHouse, """
                    SELECT table, sum(rows) AS rows, formatReadableSize(sum(bytes_on_disk)) AS on_disk, count() AS parts
                    FROM system.parts WHERE database = {database:String} AND active GROUP BY table ORDER BY table""", database);
            try (InputStream result = clickHouse.query("""
                    SELECT sumIf(rows, table = 'spans'), sum(bytes_on_disk)
                    FROM system.parts WHERE database = {database:String} AND active""", Map.of("database", database), "TSV")) {
                String[] row = new String(result.readAllBytes(), StandardCharsets.UTF_8).strip().split("\t");
                long spans = Long.parseLong(row[0]);
                long bytes = Long.parseLong(row[1]);
                System.out.printf(Locale.ROOT, "%,d spans, %,d bytes on disk in all tables: %.1f bytes per span%n", spans, bytes,
                        spans == 0 ? 0.0 : (double) bytes / spans);
            }
        } finally {
            clickHouse.close();
        }
    }

    private static void print(EmbeddedClickHouse clickHouse, String sql, String database) throws Exception {
        try (InputStream result = clickHouse.query(sql, Map.of("database", database), "PrettyCompactMonoBlock")) {
            System.out.print(new String(result.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
