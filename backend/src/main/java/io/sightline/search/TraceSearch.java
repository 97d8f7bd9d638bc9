package io.sightline.search;

import io.sightline.query.RequestStats;
import io.sightline.security.ProjectAccess;
import io.sightline.span.Durations;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Request search for the caller's projects: one page of results and the cursor of the next. */
@Service
public class TraceSearch {

    private static final List<RequestStats.Key> BY_ENDPOINT =
            List.of(RequestStats.Key.column("service"), RequestStats.Key.column("endpoint"));

    private final SearchQueries queries;
    private final RequestStats stats;
    private final ProjectAccess projectAccess;

    TraceSearch(SearchQueries queries, RequestStats stats, ProjectAccess projectAccess) {
        this.queries = queries;
        this.stats = stats;
        this.projectAccess = projectAccess;
    }

    /** One matching request (an entry span) and its trace. Times: ISO-8601; durations: milliseconds. */
    @Schema(name = "SearchResult")
    public record Result(
            String traceId,
            String spanId,
            Instant startTime,
            String service,
            String endpoint,
            double durationMs,
            String status,

            @Schema(description = "0 when the span has none")
            int httpStatus,

            String user,
            String version,
            String environment,

            @Schema(description = "Spans in the whole trace")
            long spanCount,

            @Schema(description = "Failed spans in the whole trace")
            long errorCount,

            @Schema(description = "With abovePercentile: the endpoint's percentile this request reached; else null")
            Double percentileThresholdMs) {}

    @Schema(name = "SearchPage")
    public record Page(
            List<Result> results,

            @Schema(description = "The cursor of the next page; null on the last")
            String nextCursor,

            @Schema(description = "The longest durationMs on this page")
            double longestMs) {}

    public Page search(SearchQuery query) {
        var projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return new Page(List.of(), null, 0);
        }
        // Each endpoint's pXX as the overview computes it: exact up to six hours, from the rollup beyond.
        Map<List<String>, Long> thresholds = query.abovePercentile() == null
                ? Map.of()
                : stats.quantile(query.requests(projects), BY_ENDPOINT, query.abovePercentile() / 100);
        List<JsonNode> rows = queries.requests(query, projects, thresholds);
        boolean more = rows.size() > query.limit();
        List<JsonNode> page = more ? rows.subList(0, query.limit()) : rows;
        Map<String, long[]> counts = queries.spanCounts(
                page.stream()
                        .map(row -> row.get("trace_id").asString())
                        .distinct()
                        .toList(),
                projects);
        List<Result> results = page.stream()
                .map(row -> {
                    long[] count = counts.getOrDefault(row.get("trace_id").asString(), new long[] {1, 0});
                    long startNanos = row.get("start_ns").asLong();
                    return new Result(
                            row.get("trace_id").asString(),
                            row.get("span_id").asString(),
                            Instant.ofEpochSecond(0, startNanos),
                            row.get("service").asString(),
                            row.get("endpoint").asString(),
                            Durations.millis(row.get("duration_ns").asLong()),
                            row.get("status").asString(),
                            row.get("http_status").asInt(),
                            row.get("user_id").asString(),
                            row.get("version").asString(),
                            row.get("environment").asString(),
                            count[0],
                            count[1],
                            query.abovePercentile() == null
                                    ? null
                                    : Durations.millis(row.get("threshold_ns").asLong()));
                })
                .toList();
        String next = null;
        if (more) {
            JsonNode last = page.getLast();
            long sortValue = query.sort() == SearchQuery.Sort.DURATION
                    ? last.get("duration_ns").asLong()
                    : 0;
            next = new SearchQuery.Cursor(
                            sortValue,
                            last.get("start_ns").asLong(),
                            last.get("span_id").asString())
                    .encode();
        }
        double longest = results.stream().mapToDouble(Result::durationMs).max().orElse(0);
        return new Page(results, next, longest);
    }
}
