package io.sightline.query;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The per-minute rollup's duration histogram: bucket {@code k ≥ 1} counts durations in
 * [1.01^(k−1), 1.01^k) µs, bucket 0 those under 1 µs. A nearest-rank percentile read from it is
 * the middle of the bucket holding that rank — within 0.5 % of the exact value.
 */
public final class LogHistogram {

    private static final double BASE = 1.01;

    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private final long total;

    public LogHistogram(JsonNode histogram) {
        long sum = 0;
        for (Map.Entry<String, JsonNode> entry : histogram.properties()) {
            long count = entry.getValue().asLong();
            counts.merge(Integer.parseInt(entry.getKey()), count, Long::sum);
            sum += count;
        }
        total = sum;
    }

    /** Nearest rank: the ceil(q·n)-th smallest duration, in nanoseconds; 0 when empty. */
    public long percentileNanos(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : counts.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                int k = bucket.getKey();
                return k == 0 ? 0 : Math.round(Math.pow(BASE, k - 0.5) * 1_000);
            }
        }
        return Math.round(Math.pow(BASE, counts.lastKey() - 0.5) * 1_000);
    }
}
