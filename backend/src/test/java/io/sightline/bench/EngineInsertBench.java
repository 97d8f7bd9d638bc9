package io.sightline.bench;

import io.sightline.ingest.IngestProperties;
import io.sightline.ingest.IngestStages;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.RowBinary;
import io.sightline.storage.embedded.EmbeddedClickHouse;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's own insert rate for the rows IngestLoad sends (not a test): the same generator and
 * seeds as IngestLoad's exporters ({@code --run} and {@code --exporters}), each request decoded,
 * normalised and encoded as RowBinary once, up front, by the application's own code; then inserted
 * through the port's insert in the application's group-commit size ({@code --batch-spans} spans,
 * whole requests, as one insert of several chunks) from {@code --writers} threads, into the
 * application's tables (its migrations, materialised views included). Only the inserts are timed.
 * Afterwards it waits for background merges to settle and prints what the engine did: CPU per span
 * while inserting and until merges settle, parts written and merges from {@code system.events}, and
 * the active parts left.
 *
 * <pre>java -Xmx4g -cp … io.sightline.bench.EngineInsertBench --library=libchdb.so --dir=data
 *     [--spans=2000000] [--run=uuid] [--exporters=64] [--batch=512] [--batch-spans=32768] [--writers=cores/2]
 *     [--settings=name=value,…  (MergeTree settings set on the spans table first)]
 *     [--before="statement;statement…"  (run after the migrations: a schema variant to compare)]</pre>
 *
 * Prints {@code engine: N spans/s}, which {@code bench.sh ingest} divides the acknowledged rate by.
 */
public final class EngineInsertBench {

    private static final String TABLE = "sightline.spans";
    private static final List<String> EVENTS = List.of(
            "InsertedRows",
            "MergeTreeDataWriterBlocks",
            "Merge",
            "MergedRows",
            "MergedUncompressedBytes",
            "MergeTotalMilliseconds",
            "DelayedInserts",
            // Where the engine's CPU went: inserts (wall time of the insert statements, views
            // included) against merges, user against kernel time, and the I/O buffers allocated.
            "InsertQueryTimeMicroseconds",
            "MergeExecuteMilliseconds",
            "UserTimeMicroseconds",
            "SystemTimeMicroseconds",
            "IOBufferAllocBytes");

    private EngineInsertBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(
                args,
                Set.of(
                        "library",
                        "dir",
                        "spans",
                        "run",
                        "exporters",
                        "batch",
                        "batch-spans",
                        "writers",
                        "settings",
                        "before"));
        int spans = options.integer("spans", 2_000_000);
        // The application's defaults (sightline.ingest.batch-spans and writers).
        int batchSpans = options.integer("batch-spans", 32_768);
        int writers = options.integer("writers", IngestProperties.defaultWriterThreads());
        int batch = options.integer("batch", 512);
        List<List<RowBinary>> inserts = inserts(
                requests(options.text("run", "engine"), options.integer("exporters", 64), batch, spans),
                (batchSpans + batch - 1) / batch);
        Path dir = Path.of(options.text("dir", "/tmp/sightline-bench"));
        try (EmbeddedClickHouse clickHouse = new EmbeddedClickHouse(
                Path.of(options.text("library", "")), dir.resolve("engine"), 1, writers, Map.of(), 600_000)) {
            SpanSeeder.migrate(clickHouse, "sightline");
            String settings = options.text("settings", "");
            if (!settings.isBlank()) {
                clickHouse.command("ALTER TABLE " + TABLE + " MODIFY SETTING " + settings);
            }
            for (String statement : options.text("before", "").split(";")) {
                if (!statement.isBlank()) {
                    clickHouse.command(statement);
                }
            }
            Map<String, Long> eventsBefore = events(clickHouse);
            long cpuBefore = processCpuNanos();
            double seconds = insertAll(clickHouse, inserts, writers);
            long cpuInserting = processCpuNanos() - cpuBefore;
            double settleSeconds = settle(clickHouse);
            long cpuSettled = processCpuNanos() - cpuBefore;
            report(clickHouse, spans, seconds, cpuInserting, settleSeconds, cpuSettled, eventsBefore, inserts.size());
        }
    }

    /** Each exporter's requests in turn, as IngestLoad's exporters send them, encoded once: {@code spans} spans in all. */
    private static List<RowBinary> requests(String run, int exporters, int batch, int spans) throws Exception {
        List<BenchSpans> generators = new ArrayList<>(exporters);
        for (int i = 0; i < exporters; i++) {
            generators.add(new BenchSpans(run, 31L * i + run.hashCode())); // LoadDriver's seeds
        }
        List<RowBinary> requests = new ArrayList<>();
        int made = 0;
        for (int i = 0; made < spans; i++) {
            BenchSpans.Batch request = generators
                    .get(i % exporters)
                    .batch(Math.min(batch, spans - made), System.currentTimeMillis() * 1_000_000L, 0);
            requests.add(IngestStages.rows(request.bytes()));
            made += request.spans();
        }
        System.out.printf(
                Locale.ROOT,
                "%,d spans in %,d requests of %d encoded (run %s, %d exporters)%n",
                made,
                requests.size(),
                batch,
                run,
                exporters);
        return requests;
    }

    /**
     * Requests grouped as the batch writer groups them under load: whole requests until the batch
     * size is reached, {@code perRequest} requests of equal size.
     */
    private static List<List<RowBinary>> inserts(List<RowBinary> requests, int perRequest) {
        List<List<RowBinary>> inserts = new ArrayList<>();
        for (int i = 0; i < requests.size(); i += perRequest) {
            inserts.add(requests.subList(i, Math.min(requests.size(), i + perRequest)));
        }
        return inserts;
    }

    /** Inserts everything from {@code writers} threads; the seconds from the first insert's start to the last's end. */
    private static double insertAll(ClickHouse clickHouse, List<List<RowBinary>> inserts, int writers)
            throws InterruptedException {
        ConcurrentLinkedQueue<List<RowBinary>> queue = new ConcurrentLinkedQueue<>(inserts);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                List<RowBinary> chunks;
                while (failure.get() == null && (chunks = queue.poll()) != null) {
                    try {
                        clickHouse.insert(TABLE, IngestStages.columns(), chunks);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("an insert failed", failure.get());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Waits until no merge has run for two polls in a row (at most 5 minutes); the seconds it took. */
    private static double settle(ClickHouse clickHouse) throws Exception {
        long start = System.nanoTime();
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() - start < 300_000_000_000L) {
            Thread.sleep(1000);
            quiet = text(clickHouse, "SELECT count() FROM system.merges")
                            .strip()
                            .equals("0")
                    ? quiet + 1
                    : 0;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void report(
            ClickHouse clickHouse,
            int spans,
            double seconds,
            long cpuInserting,
            double settleSeconds,
            long cpuSettled,
            Map<String, Long> before,
            int inserts)
            throws Exception {
        Map<String, Long> after = events(clickHouse);
        System.out.printf(
                Locale.ROOT,
                "%,d inserts in %.1f s; engine CPU while inserting: %,.0f ns/span (%.2f cores); until merges"
                        + " settled (%.0f s more): %,.0f ns/span%n",
                inserts,
                seconds,
                (double) cpuInserting / spans,
                cpuInserting / 1e9 / seconds,
                settleSeconds,
                (double) cpuSettled / spans);
        StringBuilder events = new StringBuilder("system.events over the run:");
        for (String event : EVENTS) {
            events.append(String.format(
                    Locale.ROOT, " %s %,d;", event, after.getOrDefault(event, 0L) - before.getOrDefault(event, 0L)));
        }
        System.out.println(events);
        System.out.print("active parts (table, parts, rows, bytes on disk):\n"
                + text(
                        clickHouse,
                        "SELECT table, count(), sum(rows), sum(bytes_on_disk) FROM system.parts"
                                + " WHERE database = 'sightline' AND active GROUP BY table ORDER BY table"));
        System.out.printf(Locale.ROOT, "engine: %.0f spans/s%n", spans / seconds);
    }

    private static Map<String, Long> events(ClickHouse clickHouse) throws Exception {
        Map<String, Long> events = new HashMap<>();
        for (String line :
                text(clickHouse, "SELECT event, value FROM system.events").split("\n")) {
            String[] fields = line.split("\t");
            if (fields.length == 2) {
                events.put(fields[0], Long.parseLong(fields[1]));
            }
        }
        return events;
    }

    private static String text(ClickHouse clickHouse, String sql) throws Exception {
        try (InputStream result = clickHouse.query(sql, Map.of(), "TSV")) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** CPU of this whole process: the engine's threads (inserts, merges) and the JVM's. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
