package io.sightline.latency;

import java.util.List;

/** The standard latency buckets, everywhere in Sightline: 0–10 ms, 10–25, …, 1–2 s, 2 s and more. */
public final class Buckets {

    /** Upper bounds in milliseconds (exclusive); the last bucket has none. */
    static final List<Integer> BOUNDS_MS = List.of(10, 25, 50, 100, 200, 500, 1000, 2000);

    private Buckets() {}

    /** "0–10 ms", "500 ms–1 s", "2 s+". */
    static String label(int bucket) {
        if (bucket >= BOUNDS_MS.size()) {
            return human(BOUNDS_MS.getLast()) + "+";
        }
        int from = bucket == 0 ? 0 : BOUNDS_MS.get(bucket - 1);
        int to = BOUNDS_MS.get(bucket);
        return (to >= 1000 && from >= 1000 ? Integer.toString(from / 1000) : from >= 1000 ? human(from) : Integer.toString(from))
                + (from < 1000 && to >= 1000 ? " ms" : "") + "–" + human(to);
    }

    static Integer lowerMs(int bucket) {
        return bucket == 0 ? 0 : BOUNDS_MS.get(bucket - 1);
    }

    static Integer upperMs(int bucket) {
        return bucket >= BOUNDS_MS.size() ? null : BOUNDS_MS.get(bucket);
    }

    /** The SQL expression giving a duration's bucket index from {@code duration_ns}. */
    static String indexSql(String column) {
        StringBuilder sql = new StringBuilder("multiIf(");
        for (int i = 0; i < BOUNDS_MS.size(); i++) {
            sql.append(column).append(" < ").append(BOUNDS_MS.get(i) * 1_000_000L).append(", ").append(i).append(", ");
        }
        return sql.append(BOUNDS_MS.size()).append(")").toString();
    }

    private static String human(int ms) {
        return ms >= 1000 ? (ms / 1000) + " s" : ms + " ms";
    }
}
