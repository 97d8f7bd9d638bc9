package io.sightline.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.bench.BenchSpans;
import io.sightline.storage.RowBinary;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Measures what one request's body costs on the heap while the request is in flight: the live
 * bytes after each stage (body, decoded protobuf, normalised spans, RowBinary), per body byte. The
 * figure behind {@code sightline.ingest.memory-per-body-byte}; then the stored spans alone, per span
 * (what a forwarding queue holds). Run with a fixed heap, for example
 * {@code java -Xmx2g -cp … io.sightline.ingest.IngestMemory 28000}.
 */
public final class IngestMemory {

    private IngestMemory() {}

    public static void main(String[] args) throws Exception {
        int spans = args.length > 0 ? Integer.parseInt(args[0]) : 28_000;
        long now = System.currentTimeMillis() * 1_000_000L;
        BenchSpans.Batch batch = new BenchSpans("memory", 42).batch(spans, now, 60_000_000_000L);
        byte[] body = batch.bytes();
        batch = null;
        long base = live() - body.length; // the body alone counts one byte per byte
        long afterBody = live();
        ExportTraceServiceRequest decoded = OtlpDecoder.protobuf(body);
        long afterDecode = live();
        SpanNormaliser.Result result = SpanNormaliser.normalise(
                decoded,
                1,
                new Redactor(List.of("authorization", "password", "token")),
                SpanNormaliser.Window.around(Instant.now(), Duration.ofDays(7), Duration.ofHours(1)),
                SpanLimits.NONE);
        long afterNormalise = live();
        RowBinary rows = SpanRows.encode(result.spans(), decoded.getSerializedSize());
        long afterEncode = live();
        double perByte = body.length;
        System.out.printf(
                Locale.ROOT,
                "%d spans, body %,d bytes; live heap per body byte: body %.2f, +decoded %.2f, +spans %.2f,"
                        + " +RowBinary %.2f (RowBinary %,d bytes)%n",
                result.spans().size(),
                body.length,
                (afterBody - base) / perByte,
                (afterDecode - base) / perByte,
                (afterNormalise - base) / perByte,
                (afterEncode - base) / perByte,
                rows.size());
        // What a forwarding queue holds per span: the stored spans alone, once the request is gone.
        List<io.sightline.span.Span> stored = result.spans();
        body = null;
        decoded = null;
        result = null;
        rows = null;
        long spansAlone = live() - base;
        System.out.printf(
                Locale.ROOT, "stored spans alone: %,d bytes per span%n", spansAlone / Math.max(1, stored.size()));
    }

    private static long live() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
