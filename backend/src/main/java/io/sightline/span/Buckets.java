package io.sightline.span;

import java.util.List;

/**
 * The standard latency buckets, everywhere in Sightline: 0–10 ms, 10–25, …, 1–2 s, 2 s and more.
 * The only copy of their bounds: the per-minute rollup's view is created from {@link #countsSql}
 * (placeholder {@code ${bucket_counts}}), and pages and queries label and count with the same list.
 */
public final class Buckets {

    /** Upper bounds in milliseconds (exclusive); the last bucket has none. */
    public static final List<Integer> BOUNDS_MS = List.of(10, 25, 50, 100, 200, 500, 1000, 2000);

    /** How many buckets there are: one more than bounds. */
    public static final int COUNT = BOUNDS_MS.size() + 1;

    private Buckets() {}

    /** "0–10 ms", "500 ms–1 s", "2 s+". */
    public static String label(int bucket) {
        if (bucket >= BOUNDS_MS.size()) {
            return human(BOUNDS_MS.getLast()) + "+";
        }
        int from = bucket == 0 ? 0 : BOUNDS_MS.get(bucket - 1);
        int to = BOUNDS_MS.get(bucket);
        return (to >= 1000 && from >= 1000
                        ? Integer.toString(from / 1000)
                        : from >= 1000 ? human(from) : Integer.toString(from))
                + (from < 1000 && to >= 1000 ? " ms" : "") + "–" + human(to);
    }

    public static Integer lowerMs(int bucket) {
        return bucket == 0 ? 0 : BOUNDS_MS.get(bucket - 1);
    }

    public static Integer upperMs(int bucket) {
        return bucket >= BOUNDS_MS.size() ? null : BOUNDS_MS.get(bucket);
    }

    /** The bucket a duration falls in. */
    public static int index(long durationNanos) {
        for (int i = 0; i < BOUNDS_MS.size(); i++) {
            if (durationNanos < BOUNDS_MS.get(i) * 1_000_000L) {
                return i;
            }
        }
        return BOUNDS_MS.size();
    }

    /** The SQL expression giving a duration's bucket index from {@code column} (nanoseconds). */
    public static String indexSql(String column) {
        StringBuilder sql = new StringBuilder("multiIf(");
        for (int i = 0; i < BOUNDS_MS.size(); i++) {
            sql.append(column)
                    .append(" < ")
                    .append(BOUNDS_MS.get(i) * 1_000_000L)
                    .append(", ")
                    .append(i)
                    .append(", ");
        }
        return sql.append(BOUNDS_MS.size()).append(")").toString();
    }

    /** The rollup's count columns {@code b0 … b8}: {@code countIf(<index of column> = i) AS bi}. */
    public static String countsSql(String column) {
        String index = indexSql(column);
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("countIf(")
                    .append(index)
                    .append(" = ")
                    .append(i)
                    .append(") AS b")
                    .append(i);
        }
        return sql.toString();
    }

    /** The rollup's count columns summed over its rows: {@code sum(b0) AS b0, …, sum(b8) AS b8}. */
    public static String sumsSql() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("sum(b")
                    .append(i)
                    .append(") AS b")
                    .append(i);
        }
        return sql.toString();
    }

    private static String human(int ms) {
        return ms >= 1000 ? (ms / 1000) + " s" : ms + " ms";
    }
}
