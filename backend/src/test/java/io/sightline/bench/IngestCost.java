package io.sightline.bench;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.ingest.IngestStages;
import io.sightline.span.Span;
import io.sightline.storage.RowBinary;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What Java spends per span before the insert (not a test, no JMH): the bodies IngestLoad sends
 * (512-span requests from {@link BenchSpans}), each decoded, normalised alone (for reference), then
 * normalised and encoded span by span as the pipeline does, on one thread. Prints heap bytes
 * allocated and thread CPU time per span for each stage, and for the pipeline (decode, then
 * normalise+encode), from {@code ThreadMXBean}: the allocation is exact and repeatable whatever else runs on the
 * machine, the CPU time nearly so (it counts this thread only, but shares caches with the rest).
 *
 * <pre>java -cp … io.sightline.bench.IngestCost [requests=200] [rounds=15] [warm-up rounds=25]</pre>
 */
public final class IngestCost {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private IngestCost() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        List<byte[]> bodies = bodies(requests);
        long spansPerRound = 0;
        long bodyBytes = 0;
        long rowBytes = 0;
        for (byte[] body : bodies) {
            spansPerRound += IngestStages.normalise(IngestStages.decode(body)).size();
            bodyBytes += body.length;
            rowBytes += IngestStages.rows(body).size();
        }
        for (int i = 0; i < warmup; i++) {
            round(bodies);
        }
        long[] totals = new long[6];
        for (int i = 0; i < rounds; i++) {
            long[] round = round(bodies);
            for (int j = 0; j < totals.length; j++) {
                totals[j] += round[j];
            }
        }
        double spans = (double) spansPerRound * rounds;
        System.out.printf(
                Locale.ROOT,
                "%d requests of %d spans (%,.0f protobuf bytes, %,.0f RowBinary bytes a span), %d rounds after %d"
                        + " warm-up rounds%n",
                requests,
                spansPerRound / requests,
                (double) bodyBytes / spansPerRound,
                (double) rowBytes / spansPerRound,
                rounds,
                warmup);
        String[] stages = {"decode (protobuf)", "normalise+redact", "normalise+encode"};
        for (int s = 0; s < stages.length; s++) {
            System.out.printf(
                    Locale.ROOT,
                    "%-20s %,8.0f bytes allocated/span  %,8.0f ns CPU/span%n",
                    stages[s],
                    totals[2 * s] / spans,
                    totals[2 * s + 1] / spans);
        }
        System.out.printf(
                Locale.ROOT,
                "%-20s %,8.0f bytes allocated/span  %,8.0f ns CPU/span%n",
                "pipeline",
                (totals[0] + totals[4]) / spans,
                (totals[1] + totals[5]) / spans);
    }

    /** The requests IngestLoad's first exporter sends, built now so their spans are in the window. */
    private static List<byte[]> bodies(int requests) {
        BenchSpans generator = new BenchSpans("ingest-cost", 42);
        List<byte[]> bodies = new ArrayList<>(requests);
        long now = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < requests; i++) {
            bodies.add(generator.batch(512, now, 0).bytes());
        }
        return bodies;
    }

    /** One pass over the bodies: allocated bytes and CPU ns of each stage, in pairs. */
    private static long[] round(List<byte[]> bodies) throws Exception {
        long[] cost = new long[6];
        long keep = 0;
        for (byte[] body : bodies) {
            long bytes = THREADS.getCurrentThreadAllocatedBytes();
            long cpu = THREADS.getCurrentThreadCpuTime();
            ExportTraceServiceRequest request = IngestStages.decode(body);
            long bytes1 = THREADS.getCurrentThreadAllocatedBytes();
            long cpu1 = THREADS.getCurrentThreadCpuTime();
            List<Span> spans = IngestStages.normalise(request);
            keep += spans.size();
            long bytes2 = THREADS.getCurrentThreadAllocatedBytes();
            long cpu2 = THREADS.getCurrentThreadCpuTime();
            RowBinary rows = IngestStages.normaliseAndEncode(request);
            long bytes3 = THREADS.getCurrentThreadAllocatedBytes();
            long cpu3 = THREADS.getCurrentThreadCpuTime();
            cost[0] += bytes1 - bytes;
            cost[1] += cpu1 - cpu;
            cost[2] += bytes2 - bytes1;
            cost[3] += cpu2 - cpu1;
            cost[4] += bytes3 - bytes2;
            cost[5] += cpu3 - cpu2;
            keep += rows.size();
        }
        if (keep == 0) {
            throw new IllegalStateException("nothing encoded");
        }
        return cost;
    }
}
