package io.sightline.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which requests (entry spans) a read covers: the caller's projects, one or two time windows, and
 * optionally a service, endpoint, version and environment. It renders the matching condition on
 * raw spans ({@link #requests}), on the per-minute rollup ({@link #minutes}), and on the other spans
 * of those requests' traces ({@link #traceSpans}), each with bound parameters only.
 *
 * <p>An empty project set matches nothing (no project has ID 0), so a caller without access gets
 * zero counts rather than an error.
 */
public record SpanFilter(
        Set<Long> projects,
        List<TimeWindow> windows,
        String service,
        String endpoint,
        String version,
        String environment) {

    public SpanFilter {
        projects = projects.isEmpty() ? Set.of(0L) : Set.copyOf(projects);
        windows = List.copyOf(windows);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a span filter needs a time window");
        }
    }

    public static SpanFilter of(Set<Long> projects, TimeWindow window) {
        return new SpanFilter(projects, List.of(window), null, null, null, null);
    }

    public SpanFilter service(String value) {
        return new SpanFilter(projects, windows, value, endpoint, version, environment);
    }

    public SpanFilter endpoint(String value) {
        return new SpanFilter(projects, windows, service, value, version, environment);
    }

    public SpanFilter version(String value) {
        return new SpanFilter(projects, windows, service, endpoint, value, environment);
    }

    public SpanFilter environment(String value) {
        return new SpanFilter(projects, windows, service, endpoint, version, value);
    }

    /** Requests in this window too (it must be {@linkplain TimeWindow#named named} apart from the first). */
    public SpanFilter orIn(TimeWindow other) {
        List<TimeWindow> all = new ArrayList<>(windows);
        all.add(other);
        return new SpanFilter(projects, all, service, endpoint, version, environment);
    }

    public TimeWindow window() {
        return windows.getFirst();
    }

    /**
     * True when the read should come from the per-minute rollup: a window is longer than
     * {@link TimeWindow#RAW_UP_TO} and no filter needs a column the rollup lacks (environment).
     */
    public boolean wantsRollup() {
        return environment == null && windows.stream().anyMatch(TimeWindow::wantsRollup);
    }

    /** The requests, on the span table aliased {@code alias} ({@code ""} for none). */
    public SqlFragment requests(String alias) {
        String a = alias.isEmpty() ? "" : alias + ".";
        SqlFragment where = new SqlFragment(
                a + "project_id IN {projects:Array(UInt32)} AND " + a + "is_entry",
                Map.of("projects", List.copyOf(projects)));
        where = labels(where, a, true);
        return where.and(inWindows(a + "start_time", false));
    }

    /** The same requests' rows in the per-minute rollup {@code endpoint_minutes}. */
    public SqlFragment minutes() {
        SqlFragment where =
                new SqlFragment("project_id IN {projects:Array(UInt32)}", Map.of("projects", List.copyOf(projects)));
        return labels(where, "", false).and(inWindows("minute", true));
    }

    /**
     * The service's spans, on the span table aliased {@code alias}, that can belong to the
     * requests' traces: started from the earliest window's start up to {@link TimeWindow#TRACE_SPREAD}
     * past the latest window's end (parameters {@code spansFrom}, {@code spansTo}).
     */
    public SqlFragment traceSpans(String alias) {
        String a = alias.isEmpty() ? "" : alias + ".";
        TimeWindow all = windows.stream().reduce(TimeWindow::hull).orElseThrow().named("spans");
        SqlFragment where = new SqlFragment(
                a + "project_id IN {projects:Array(UInt32)}", Map.of("projects", List.copyOf(projects)));
        if (service != null) {
            where = where.and(new SqlFragment(a + "service = {service:String}", Map.of("service", service)));
        }
        return where.and(all.tracesStarted(a + "start_time"));
    }

    private SqlFragment labels(SqlFragment where, String a, boolean raw) {
        if (service != null) {
            where = where.and(new SqlFragment(a + "service = {service:String}", Map.of("service", service)));
        }
        if (endpoint != null) {
            where = where.and(new SqlFragment(a + "endpoint = {endpoint:String}", Map.of("endpoint", endpoint)));
        }
        if (version != null) {
            where = where.and(new SqlFragment(a + "service_version = {version:String}", Map.of("version", version)));
        }
        if (environment != null) {
            if (!raw) {
                throw new IllegalStateException("the per-minute rollup has no environment column");
            }
            where = where.and(
                    new SqlFragment(a + "environment = {environment:String}", Map.of("environment", environment)));
        }
        return where;
    }

    private SqlFragment inWindows(String column, boolean minutes) {
        SqlFragment any = windows.getFirst().contains(column, minutes);
        for (TimeWindow other : windows.subList(1, windows.size())) {
            any = any.or(other.contains(column, minutes));
        }
        return any;
    }
}
