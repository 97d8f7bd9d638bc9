package io.sightline.bench;

import io.sightline.span.SpanColumn;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.Durability;
import io.sightline.storage.embedded.EmbeddedClickHouse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code sightline.storage.fsync} costs an insert (not a test): the same batch of spans is
 * inserted through the engine's streaming insert, as the batch writer does, alternately into a
 * schema with fsync on and one with it off, so both see the same machine load at the same moments;
 * prints each mode's insert time (median, p90) and the spans per second one writer could commit.
 *
 * <pre>java -cp … io.sightline.bench.FsyncCost libchdb.so data-dir [inserts=30] [spans-per-insert=10000]</pre>
 */
public final class FsyncCost {

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        int inserts = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int spans = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        try (EmbeddedClickHouse clickHouse =
                new EmbeddedClickHouse(library, dataDir.resolve("clickhouse"), 1, 1, Map.of(), 600_000)) {
            for (String database : List.of("sightline", "fsync_on", "fsync_off")) {
                SpanSeeder.migrate(clickHouse, database);
            }
            Durability.apply(clickHouse, "fsync_on", "", true);
            Durability.apply(clickHouse, "fsync_off", "", false);
            byte[] batch = batch(clickHouse, spans);
            List<Long> on = new ArrayList<>();
            List<Long> off = new ArrayList<>();
            for (int i = 0; i < inserts; i++) {
                // Alternate which goes first, so neither always follows the other's background work.
                if (i % 2 == 0) {
                    on.add(timedInsert(clickHouse, "fsync_on", batch));
                    off.add(timedInsert(clickHouse, "fsync_off", batch));
                } else {
                    off.add(timedInsert(clickHouse, "fsync_off", batch));
                    on.add(timedInsert(clickHouse, "fsync_on", batch));
                }
            }
            System.out.printf(
                    "%d inserts of %,d spans (%,d bytes of RowBinary) into each schema, alternating%n",
                    inserts, spans, batch.length);
            report("fsync on ", on, spans);
            report("fsync off", off, spans);
            try (InputStream parts = clickHouse.query(
                    "SELECT database, part_type, count() FROM system.parts WHERE database LIKE 'fsync_%' AND active"
                            + " AND table = 'spans' GROUP BY ALL ORDER BY ALL",
                    Map.of(), "TSV")) {
                System.out.print("active parts of spans (database, type, count):\n"
                        + new String(parts.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Realistic spans (SpanSeeder's) generated in the engine, read back as the RowBinary ingest sends. */
    private static byte[] batch(ClickHouse clickHouse, int spans) throws Exception {
        long now = System.currentTimeMillis() * 1_000_000;
        clickHouse.command(
                SpanSeeder.SEED,
                Map.of(
                        "project",
                        1,
                        "offset",
                        0,
                        "count",
                        spans,
                        "from",
                        now - 3_600_000_000_000L,
                        "step",
                        3_600_000_000_000L / spans * 16,
                        "salt",
                        now));
        try (InputStream rows = clickHouse.query(
                "SELECT " + String.join(", ", SpanColumn.NAMES) + " FROM sightline.spans", Map.of(), "RowBinary")) {
            return rows.readAllBytes();
        }
    }

    private static long timedInsert(ClickHouse clickHouse, String database, byte[] batch) {
        long started = System.nanoTime();
        clickHouse.insert(database + ".spans", SpanColumn.NAMES, batch);
        return System.nanoTime() - started;
    }

    private static void report(String mode, List<Long> nanos, int spans) {
        List<Long> sorted = nanos.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2) / 1e6;
        double p90 = sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1) / 1e6;
        System.out.printf(
                "%s: insert median %.1f ms, p90 %.1f ms — one writer at most %,.0f spans/s%n",
                mode, median, p90, spans / (median / 1000));
    }
}
