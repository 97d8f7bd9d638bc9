package io.sightline.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A time window [from, to) and the SQL conditions that select by it. Bounds travel as epoch
 * nanoseconds in {@code {from:Int64}} and {@code {to:Int64}} (or {@code {<name>From:Int64}} and
 * {@code {<name>To:Int64}} for a {@linkplain #named named} window, so two windows can share a query).
 * Every condition is a range on the bare start column, which ClickHouse uses for the partition
 * ({@code toDate}) and the sort key's {@code toStartOfHour}: a windowed read prunes by both.
 */
public record TimeWindow(Instant from, Instant to, String name) {

    /** Windows up to this long read raw spans (exact nearest rank); longer ones the per-minute rollup. */
    public static final Duration RAW_UP_TO = Duration.ofHours(6);

    /**
     * How long after its request a trace's other spans may still start. A request counts in the
     * window it started in; its downstream spans (a queue consumer, a retry) can start later, so the
     * spans of the window's requests are read up to this far past its end.
     */
    public static final Duration TRACE_SPREAD = Duration.ofHours(1);

    public TimeWindow(Instant from, Instant to) {
        this(from, to, "");
    }

    /** The same window under other parameter names ({@code <name>From}, {@code <name>To}). */
    public TimeWindow named(String newName) {
        return new TimeWindow(from, to, newName);
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** True when the window is too long for raw spans: read the per-minute rollup. */
    public boolean wantsRollup() {
        return length().compareTo(RAW_UP_TO) > 0;
    }

    /** The smallest window holding both. */
    public TimeWindow hull(TimeWindow other) {
        return new TimeWindow(
                from.isBefore(other.from) ? from : other.from, to.isAfter(other.to) ? to : other.to, name);
    }

    /** {@code column} (a DateTime64) within [from, to). */
    public SqlFragment starts(String column) {
        return range(column, "<", "");
    }

    /** {@code column} within [from, to]: both ends included, as Jaeger's search defines its window. */
    public SqlFragment startsThroughEnd(String column) {
        return range(column, "<=", "");
    }

    /** {@code column} within [from, to + {@link #TRACE_SPREAD}): the spans of the traces whose requests started in the window. */
    public SqlFragment tracesStarted(String column) {
        return range(column, "<", " + INTERVAL " + TRACE_SPREAD.toSeconds() + " SECOND");
    }

    /** The rollup's {@code minute} column: every minute the window touches (the first one whole). */
    public SqlFragment minutes(String column) {
        return new SqlFragment(
                "%1$s >= toStartOfMinute(fromUnixTimestamp64Nano({%2$s:Int64})) AND %1$s < fromUnixTimestamp64Nano({%3$s:Int64})"
                        .formatted(column, fromName(), toName()),
                Map.of(fromName(), from, toName(), to));
    }

    /** Whether {@code column} lies in this window, as a condition for {@code if}/{@code multiIf} (the minute form for the rollup). */
    public SqlFragment contains(String column, boolean minutes) {
        return minutes ? minutes(column) : starts(column);
    }

    String fromName() {
        return name.isEmpty() ? "from" : name + "From";
    }

    String toName() {
        return name.isEmpty() ? "to" : name + "To";
    }

    private SqlFragment range(String column, String upper, String widen) {
        return new SqlFragment(
                "%1$s >= fromUnixTimestamp64Nano({%2$s:Int64}) AND %1$s %3$s fromUnixTimestamp64Nano({%4$s:Int64})%5$s"
                        .formatted(column, fromName(), upper, toName(), widen),
                Map.of(fromName(), from, toName(), to));
    }
}
