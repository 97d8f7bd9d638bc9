package io.sightline.query;

import io.sightline.span.Buckets;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import io.sightline.storage.SpanTables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;

/**
 * Request counts, errors, percentiles and the standard buckets over a {@link SpanFilter}, grouped
 * by any keys: the one latency query every feature reads. Windows up to
 * {@link TimeWindow#RAW_UP_TO} read raw entry spans and give exact nearest-rank percentiles
 * ({@link NearestRank}); longer ones read the per-minute rollup {@code endpoint_minutes} and give
 * nearest rank on its log histogram, within 0.5 % ({@link LogHistogram}). The rollup counts whole
 * minutes: a window's first minute is counted whole.
 */
@Repository
public class RequestStats {

    static final double[] LEVELS = {0.50, 0.75, 0.90, 0.95, 0.99};

    private final ClickHouse clickHouse;
    private final SpanTables tables;

    RequestStats(ClickHouse clickHouse, SpanTables tables) {
        this.clickHouse = clickHouse;
        this.tables = tables;
    }

    /**
     * A grouping key: its SQL on raw spans and on the rollup (both may use parameters of the
     * filter's windows, and {@code parameters}).
     */
    public record Key(String spansSql, String minutesSql, Map<String, Object> parameters) {

        /** A column both tables have: {@code service}, {@code endpoint} or {@code service_version}. */
        public static Key column(String name) {
            return new Key(name, name, Map.of());
        }

        /** The start (epoch seconds) of the {@code stepSeconds} interval a request falls in: a series' key. */
        public static Key interval(long stepSeconds) {
            return new Key(
                    "toUnixTimestamp(toStartOfInterval(start_time, toIntervalSecond({step:UInt32})))",
                    "toUnixTimestamp(toStartOfInterval(minute, toIntervalSecond({step:UInt32})))",
                    Map.of("step", stepSeconds));
        }
    }

    /** Percentiles in nanoseconds. */
    public record Percentiles(long p50, long p75, long p90, long p95, long p99) {}

    /** One group: its key values (as text, in the keys' order), request and error counts, percentiles. */
    public record Stats(List<String> keys, long requests, long errors, Percentiles nanos) {}

    /** Whether {@code filter} is answered exactly (raw spans) or from the rollup. */
    public static boolean exact(SpanFilter filter) {
        return !filter.wantsRollup();
    }

    /** One row per group that has requests; with no keys, exactly one row (zero counts when none). */
    public List<Stats> stats(SpanFilter filter, List<Key> keys) {
        return stats(filter, keys, filter.wantsRollup());
    }

    /**
     * As {@link #stats}, but always from the per-minute rollup, whatever the window's length: what a
     * read repeated every minute (alert evaluation) costs at any scale. Every minute the window
     * touches counts whole; the filter must not name an environment (the rollup has none).
     */
    public List<Stats> statsFromRollup(SpanFilter filter, List<Key> keys) {
        return stats(filter, keys, true);
    }

    private List<Stats> stats(SpanFilter filter, List<Key> keys, boolean rollup) {
        Map<String, Object> parameters = new HashMap<>();
        Grouping groups = Grouping.of(keys, rollup, parameters);
        List<JsonNode> rows;
        if (rollup) {
            rows = JsonRows.read(
                    clickHouse,
                    """
                    SELECT %s sum(requests) AS requests, sum(errors) AS errors, sumMap(histogram) AS histogram
                    FROM %s WHERE %s%s""".formatted(
                                    groups.select(),
                                    tables.endpointMinutes(),
                                    filter.minutes().bindInto(parameters),
                                    groups.groupBy()),
                    parameters);
        } else {
            StringBuilder percentiles = new StringBuilder();
            for (double level : LEVELS) {
                percentiles
                        .append(", ")
                        .append(NearestRank.of("sorted", Double.toString(level), "requests"))
                        .append(" AS ")
                        .append(name(level));
            }
            rows = JsonRows.read(
                    clickHouse,
                    """
                    SELECT %s requests, errors%s
                    FROM (SELECT %s count() AS requests, countIf(status_code = 'ERROR') AS errors, %s AS sorted
                          FROM %s WHERE %s%s)""".formatted(
                                    groups.keys(),
                                    percentiles,
                                    groups.select(),
                                    NearestRank.sorted("duration_ns"),
                                    tables.spans(),
                                    filter.requests("").bindInto(parameters),
                                    groups.groupBy()),
                    parameters);
        }
        List<Stats> stats = new ArrayList<>();
        for (JsonNode row : rows) {
            stats.add(new Stats(
                    groups.values(row),
                    row.get("requests").asLong(),
                    row.get("errors").asLong(),
                    percentiles(row, rollup)));
        }
        return stats;
    }

    /**
     * One quantile per group with requests: the {@code quantile}'s nearest rank in nanoseconds,
     * exact or from the rollup as {@link #stats} decides. Keyed by the keys' values.
     */
    public Map<List<String>, Long> quantile(SpanFilter filter, List<Key> keys, double quantile) {
        boolean rollup = filter.wantsRollup();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("quantile", quantile);
        Grouping groups = Grouping.of(keys, rollup, parameters);
        String sql = rollup
                ? "SELECT %s sumMap(histogram) AS histogram FROM %s WHERE %s%s"
                        .formatted(
                                groups.select(),
                                tables.endpointMinutes(),
                                filter.minutes().bindInto(parameters),
                                groups.groupBy())
                : "SELECT %s %s AS value FROM %s WHERE %s%s"
                        .formatted(
                                groups.select(),
                                NearestRank.over("duration_ns", "{quantile:Float64}"),
                                tables.spans(),
                                filter.requests("").bindInto(parameters),
                                groups.groupBy());
        Map<List<String>, Long> values = new HashMap<>();
        for (JsonNode row : JsonRows.read(clickHouse, sql, parameters)) {
            values.put(
                    groups.values(row),
                    rollup
                            ? new LogHistogram(row.get("histogram")).percentileNanos(quantile)
                            : row.get("value").asLong());
        }
        return values;
    }

    /** Per interval of {@code stepSeconds} (on the rollup, at least a minute): key 0 is its start in epoch seconds. */
    public List<Stats> series(SpanFilter filter, long stepSeconds) {
        List<Stats> series = new ArrayList<>(stats(filter, List.of(Key.interval(stepSeconds))));
        series.sort((a, b) -> Long.compare(
                Long.parseLong(a.keys().getFirst()), Long.parseLong(b.keys().getFirst())));
        return series;
    }

    /**
     * Request counts alone per group that has requests, keyed by the keys' values: what a count
     * needs without the percentiles' sorting or histograms, raw or from the rollup as {@link #stats}
     * decides.
     */
    public Map<List<String>, Long> counts(SpanFilter filter, List<Key> keys) {
        boolean rollup = filter.wantsRollup();
        Map<String, Object> parameters = new HashMap<>();
        Grouping groups = Grouping.of(keys, rollup, parameters);
        String sql = rollup
                ? "SELECT %s sum(requests) AS requests FROM %s WHERE %s%s"
                        .formatted(
                                groups.select(),
                                tables.endpointMinutes(),
                                filter.minutes().bindInto(parameters),
                                groups.groupBy())
                : "SELECT %s count() AS requests FROM %s WHERE %s%s"
                        .formatted(
                                groups.select(),
                                tables.spans(),
                                filter.requests("").bindInto(parameters),
                                groups.groupBy());
        Map<List<String>, Long> counts = new HashMap<>();
        for (JsonNode row : JsonRows.read(clickHouse, sql, parameters)) {
            counts.put(groups.values(row), row.get("requests").asLong());
        }
        return counts;
    }

    /** Request counts per standard bucket ({@link Buckets}), index by index. */
    public long[] buckets(SpanFilter filter) {
        Map<String, Object> parameters = new HashMap<>();
        long[] counts = new long[Buckets.COUNT];
        if (filter.wantsRollup()) {
            JsonNode row = JsonRows.read(
                            clickHouse,
                            "SELECT %s FROM %s WHERE %s"
                                    .formatted(
                                            Buckets.sumsSql(),
                                            tables.endpointMinutes(),
                                            filter.minutes().bindInto(parameters)),
                            parameters)
                    .getFirst();
            for (int i = 0; i < Buckets.COUNT; i++) {
                counts[i] = row.get("b" + i).asLong();
            }
        } else {
            for (JsonNode row : JsonRows.read(
                    clickHouse,
                    "SELECT %s AS bucket, count() AS requests FROM %s WHERE %s GROUP BY bucket"
                            .formatted(
                                    Buckets.indexSql("duration_ns"),
                                    tables.spans(),
                                    filter.requests("").bindInto(parameters)),
                    parameters)) {
                counts[row.get("bucket").asInt()] = row.get("requests").asLong();
            }
        }
        return counts;
    }

    /** The keys as {@code k0, k1…}: selected (with a trailing comma), grouped by, re-selected, read back. */
    private record Grouping(String select, String groupBy, String keys, int count) {

        static Grouping of(List<Key> keys, boolean rollup, Map<String, Object> parameters) {
            StringBuilder select = new StringBuilder();
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                Key key = keys.get(i);
                new SqlFragment("", key.parameters()).bindInto(parameters);
                select.append(rollup ? key.minutesSql() : key.spansSql())
                        .append(" AS k")
                        .append(i)
                        .append(", ");
                names.append(i == 0 ? "" : ", ").append("k").append(i);
            }
            return new Grouping(
                    select.toString(),
                    keys.isEmpty() ? "" : " GROUP BY " + names,
                    keys.isEmpty() ? "" : names + ", ",
                    keys.size());
        }

        List<String> values(JsonNode row) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                values.add(row.get("k" + i).asString());
            }
            return List.copyOf(values);
        }
    }

    private static Percentiles percentiles(JsonNode row, boolean rollup) {
        long[] values = new long[LEVELS.length];
        LogHistogram histogram = rollup ? new LogHistogram(row.get("histogram")) : null;
        for (int i = 0; i < LEVELS.length; i++) {
            values[i] = rollup
                    ? histogram.percentileNanos(LEVELS[i])
                    : row.get(name(LEVELS[i])).asLong();
        }
        return new Percentiles(values[0], values[1], values[2], values[3], values[4]);
    }

    private static String name(double level) {
        return "p" + Math.round(level * 100);
    }
}
