package io.sightline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Ingest benchmark: {@code --concurrency} requests in flight (default 64), each a protobuf batch of
 * {@code --batch} spans (default 512, as the OpenTelemetry SDK sends), against a running instance for
 * {@code --duration} (default 60s) after {@code --warmup} (default 10s). Prints acknowledged spans/s,
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
        BenchArgs options = new BenchArgs(args, Set.of("url", "key", "concurrency", "batch", "duration", "warmup", "gzip"));
        LoadDriver.Settings settings = new LoadDriver.Settings(options.baseUrl(), options.key(),
                options.integer("concurrency", 64), options.integer("batch", 512),
                options.duration("warmup", Duration.ofSeconds(10)), options.duration("duration", Duration.ofSeconds(60)),
                0, 0, Boolean.parseBoolean(options.text("gzip", "false")), UUID.randomUUID().toString());
        System.out.printf("ingest: %d in flight, %d spans a request, %d s warm-up + %d s measured, against %s (run %s)%n",
                settings.concurrency(), settings.batchSpans(), settings.warmup().toSeconds(), settings.duration().toSeconds(),
                settings.baseUrl(),
                settings.run());
        LoadDriver driver = new LoadDriver(settings);
        LoadDriver.Report report = driver.run(null);
        if (report.fatal() != null) {
            System.out.println("STOPPED: " + report.fatal());
            System.exit(1);
        }
        print(report);
        driver.firstErrorBodies().forEach((status, body) ->
                System.out.println("  first " + status + " answer: " + body.substring(0, Math.min(300, body.length()))));
        System.out.println("run tag: bench.run=" + settings.run()
                + " — every acknowledged span must be stored; count with\n  SELECT count() FROM sightline.spans WHERE resource['bench.run'] = '"
                + settings.run() + "'");
        printStorage(settings.baseUrl(), settings.key());
    }

    static void print(LoadDriver.Report report) {
        System.out.printf(Locale.ROOT, "acknowledged: %,.0f spans/s, %,.1f requests/s over %.1f s (%,d spans in the window)%n",
                report.spansPerSecond(), report.requestsPerSecond(), report.measuredSeconds(), report.acknowledgedSpans());
        System.out.println("latency:      " + report.latencies().summary());
        System.out.println("answers:      " + report.outcomes());
        System.out.printf(Locale.ROOT, "total acknowledged (warm-up included): %,d spans; rejected in partial_success: %,d%n",
                report.totalAcknowledgedSpans(), report.rejectedSpans());
        // The generator shares the machine with the server: say how much CPU it took from it.
        ProcessHandle.current().info().totalCpuDuration().ifPresent(cpu -> System.out.printf(Locale.ROOT,
                "generator CPU: %.1f s in all (%.0f %% of one core over the measured window)%n", cpu.toMillis() / 1e3,
                100.0 * cpu.toMillis() / 1e3 / report.measuredSeconds()));
    }

    /** Rows and bytes on disk, when the instance offers {@code GET /api/v1/storage}; on a fresh instance its span count is the run's. */
    static void printStorage(URI baseUrl, String key) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUrl.resolve("/api/v1/storage"))
                            .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println(response.statusCode() == 200 ? "storage:      " + response.body()
                    : "storage:      GET /api/v1/storage answered " + response.statusCode() + "");
        } catch (Exception e) {
            System.out.println("storage:      GET /api/v1/storage failed: " + e);
        }
    }
}
