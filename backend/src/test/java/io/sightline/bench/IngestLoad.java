package io.sightline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Ingest benchmark: {@code --concurrency} requests in flight (default 64), each a protobuf batch of
 * {@code --batch} spans (default 512, as the OpenTelemetry SDK sends), against a running instance for
 * {@code --duration} (default 60s) after {@code --warmup} (default 10s), over OTLP/HTTP or, with {@code --protocol=grpc}, over OTLP/gRPC
 * on {@code --grpc-port} (default 4317); as fast as answered, or at {@code --rate} spans/s in all.
 * {@code --run} sets the run tag (default a random UUID), which also seeds the generators, so
 * {@link EngineInsertBench} can insert the same rows. Prints acknowledged spans/s,
 * requests/s, request latency percentiles and the answers by status, then the run tag to count the
 * stored spans by:
 *
 * <pre>SELECT count() FROM sightline.spans WHERE resource['bench.run'] = '&lt;run&gt;'</pre>
 *
 * Run through {@code backend/src/bench/bench.sh ingest}.
 */
public final class IngestLoad {

    private IngestLoad() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(
                args,
                Set.of(
                        "url",
                        "key",
                        "concurrency",
                        "batch",
                        "duration",
                        "warmup",
                        "gzip",
                        "protocol",
                        "grpc-port",
                        "rate",
                        "run"));
        String protocol = options.text("protocol", "http");
        if (!protocol.equals("http") && !protocol.equals("grpc")) {
            throw new IllegalArgumentException("--protocol is http or grpc, not " + protocol);
        }
        LoadDriver.Settings settings = new LoadDriver.Settings(
                options.baseUrl(),
                options.key(),
                options.integer("concurrency", 64),
                options.integer("batch", 512),
                options.duration("warmup", Duration.ofSeconds(10)),
                options.duration("duration", Duration.ofSeconds(60)),
                Boolean.parseBoolean(options.text("gzip", "false")),
                options.text("run", UUID.randomUUID().toString()),
                protocol.equals("grpc") ? options.integer("grpc-port", 4317) : -1,
                options.integer("rate", 0));
        System.out.printf(
                "ingest over %s: %d in flight%s, %d spans a request, %d s warm-up + %d s measured, against %s (run %s)%n",
                protocol,
                settings.concurrency(),
                settings.spansPerSecond() > 0 ? " at " + settings.spansPerSecond() + " spans/s" : "",
                settings.batchSpans(),
                settings.warmup().toSeconds(),
                settings.duration().toSeconds(),
                settings.baseUrl(),
                settings.run());
        Long storedBefore = storedSpans(settings.baseUrl(), settings.key());
        LoadDriver driver = new LoadDriver(settings);
        LoadDriver.Report report = driver.run();
        if (report.fatal() != null) {
            System.out.println("STOPPED: " + report.fatal());
            System.exit(1);
        }
        print(report);
        driver.firstErrorBodies()
                .forEach((status, body) -> System.out.println(
                        "  first " + status + " answer: " + body.substring(0, Math.min(300, body.length()))));
        System.out.println("run tag: bench.run=" + settings.run()
                + " — every acknowledged span must be stored; count with\n  SELECT count() FROM sightline.spans WHERE resource['bench.run'] = '"
                + settings.run() + "'");
        Long storedAfter = storedSpans(settings.baseUrl(), settings.key());
        if (storedBefore != null && storedAfter != null) {
            long stored = storedAfter - storedBefore;
            System.out.printf(
                    Locale.ROOT,
                    "stored since start (GET /api/v1/storage): %,d spans — %s%n",
                    stored,
                    stored >= report.totalAcknowledgedSpans() ? "every acknowledged span is stored" : "MISSING SPANS");
        }
    }

    private static void print(LoadDriver.Report report) {
        System.out.printf(
                Locale.ROOT,
                "acknowledged: %,.0f spans/s, %,.1f requests/s over %.1f s (%,d spans in the window)%n",
                report.spansPerSecond(),
                report.requestsPerSecond(),
                report.measuredSeconds(),
                report.acknowledgedSpans());
        System.out.println("latency:      " + report.latencies().summary());
        System.out.println("answers:      " + report.outcomes());
        System.out.printf(
                Locale.ROOT,
                "total acknowledged (warm-up included): %,d spans; rejected in partial_success: %,d%n",
                report.totalAcknowledgedSpans(),
                report.rejectedSpans());
        // The generator shares the machine with the server: say how much CPU it took from it.
        ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .ifPresent(cpu -> System.out.printf(
                        Locale.ROOT,
                        "generator CPU: %.1f s in all (%.0f %% of one core over the measured window)%n",
                        cpu.toMillis() / 1e3,
                        100.0 * cpu.toMillis() / 1e3 / report.measuredSeconds()));
    }

    /** The spans table's row count from {@code GET /api/v1/storage}; null (and a note) when it cannot be read. */
    private static Long storedSpans(URI baseUrl, String key) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return StorageCount.spans(http, baseUrl, key);
        } catch (Exception e) {
            System.out.println(
                    "storage count unavailable (" + e.getMessage() + "); count with the bench.run query below");
            return null;
        }
    }
}
