package io.sightline.bench;

import io.sightline.query.TraceBounds;
import io.sightline.span.SpanColumn;
import io.sightline.storage.SpanTables;
import io.sightline.storage.embedded.EmbeddedClickHouse;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's CPU per trace-by-ID read of a stopped instance's store, and where it goes (not a
 * test): the trace read's statement and three cut-down forms of it, each run for the same trace IDs
 * from one thread, reporting process CPU per statement. CPU rather than latency, so the figure
 * holds on a machine other work shares; the differences between rows say what each step costs.
 *
 * <pre>java -cp … io.sightline.bench.TraceReadCost libchdb.so data-dir trace-ids.txt [reads=200]</pre>
 */
public final class TraceReadCost {

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        List<String> ids = Files.readAllLines(Path.of(args[2])).stream()
                .filter(line -> !line.isBlank())
                .toList();
        int reads = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        String bounds = TraceBounds.with(new SpanTables("sightline"));
        String spans = " FROM sightline.spans WHERE " + TraceBounds.spansWhere();
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("a statement (SELECT 1)", "SELECT 1 WHERE notEmpty({traces:Array(String)})");
        steps.put("+ the bounds from trace_index", bounds + " SELECT * FROM bounds");
        steps.put("+ the trace's span IDs", bounds + " SELECT span_id" + spans);
        steps.put(
                "+ every column (the trace read)",
                bounds + " SELECT " + SpanColumn.selectList() + spans + " ORDER BY start_time, span_id");
        try (EmbeddedClickHouse clickHouse =
                new EmbeddedClickHouse(library, dataDir.resolve("clickhouse"), 1, 1, Map.of(), 600_000)) {
            System.out.printf("Engine CPU per trace read, %d reads from one thread:%n", reads);
            for (Map.Entry<String, String> step : steps.entrySet()) {
                for (int i = 0; i < 20; i++) { // warm-up: caches, the engine's first-use work
                    run(clickHouse, step.getValue(), ids.get(i % ids.size()));
                }
                long cpu = cpuNanos();
                long rows = 0;
                for (int i = 0; i < reads; i++) {
                    rows += run(clickHouse, step.getValue(), ids.get(i % ids.size()));
                }
                System.out.printf(
                        "  %-34s %6.1f ms CPU, %5.1f rows%n",
                        step.getKey(), (cpuNanos() - cpu) / 1e6 / reads, rows / (double) reads);
            }
        }
    }

    private static long run(EmbeddedClickHouse clickHouse, String sql, String traceId) throws Exception {
        Map<String, Object> parameters = Map.of("traces", List.of(traceId), "projects", List.of(1L));
        try (InputStream result = clickHouse.query(sql, parameters, "JSONEachRow")) {
            long lines = 0;
            for (byte b : result.readAllBytes()) {
                lines += b == '\n' ? 1 : 0;
            }
            return lines;
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
