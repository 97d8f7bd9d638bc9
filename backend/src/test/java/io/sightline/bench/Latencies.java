package io.sightline.bench;

import java.util.Arrays;
import java.util.Locale;

/** Request latencies of one run; percentiles by nearest rank. Thread-safe. */
final class Latencies {

    private long[] nanos = new long[4096];
    private int size;

    synchronized void add(long latencyNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = latencyNanos;
    }

    synchronized int count() {
        return size;
    }

    /** The latency in milliseconds below which {@code fraction} of the requests finished. */
    synchronized double percentileMs(double fraction) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * size);
        return sorted[Math.clamp(rank - 1, 0, size - 1)] / 1e6;
    }

    synchronized double meanMs() {
        return size == 0 ? Double.NaN : Arrays.stream(nanos, 0, size).average().orElse(0) / 1e6;
    }

    String summary() {
        return String.format(
                Locale.ROOT,
                "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (mean %.1f ms, %d requests)",
                percentileMs(0.50),
                percentileMs(0.95),
                percentileMs(0.99),
                percentileMs(1.0),
                meanMs(),
                count());
    }
}
