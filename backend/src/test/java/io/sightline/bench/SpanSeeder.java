package io.sightline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Fills a running instance with {@code --spans} benchmark spans (default 10 M) through its real
 * OTLP endpoint, so the stored data went through decoding, normalisation and the batch writer like
 * any other — at ~100 k spans/s that is under two minutes per 10 M. Whole traces of 4–30 spans;
 * every {@code --sample}-th acknowledged trace ID (default 500) is written to {@code --ids-file} for
 * {@link TraceReadBench}.
 *
 * <p>Start times are the sending time unless {@code --spread} (e.g. {@code 24h}) scatters the traces
 * over that much of the past: dense data (the default) is the harder case for a trace lookup, since
 * more spans share the trace's time range.
 */
public final class SpanSeeder {

    private SpanSeeder() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(args, Set.of("url", "key", "spans", "concurrency", "batch", "spread", "ids-file",
                "sample"));
        long spans = options.number("spans", 10_000_000);
        int sample = options.integer("sample", 500);
        Path idsFile = Path.of(options.text("ids-file", "target/bench/trace-ids.txt"));
        LoadDriver.Settings settings = new LoadDriver.Settings(options.baseUrl(), options.key(),
                options.integer("concurrency", 64), options.integer("batch", 512), Duration.ZERO, null, spans,
                options.duration("spread", Duration.ZERO).toNanos(), false, UUID.randomUUID().toString());
        System.out.printf(Locale.ROOT, "seed: %,d spans, %d in flight, against %s (run %s)%n", spans, settings.concurrency(),
                settings.baseUrl(), settings.run());
        List<String> sampled = new ArrayList<>();
        long[] seen = {0};
        LoadDriver driver = new LoadDriver(settings);
        LoadDriver.Report report = driver.run(ids -> {
            synchronized (sampled) {
                for (String id : ids) {
                    if (seen[0]++ % sample == 0) {
                        sampled.add(id);
                    }
                }
            }
        });
        if (report.fatal() != null) {
            System.out.println("STOPPED: " + report.fatal());
            System.exit(1);
        }
        IngestLoad.print(report);
        write(idsFile, sampled);
        System.out.printf("%,d traces acknowledged; %d of their IDs in %s%n", seen[0], sampled.size(), idsFile.toAbsolutePath());
        System.out.println("run tag: bench.run=" + settings.run());
        IngestLoad.printStorage(settings.baseUrl(), settings.key());
    }

    private static void write(Path file, List<String> ids) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.write(file, ids);
    }
}
