package io.sightline.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.sightline.search.SearchQuery;
import io.sightline.search.TraceSearch;
import io.sightline.web.Formats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code search_traces}: the search page's filters (see {@link SearchQuery}), one page of requests. */
@Component
class SearchTracesTool implements McpTool {

    /** Fewer than the API's 50: every result costs an agent's context. */
    static final String DEFAULT_LIMIT = "20";

    private final TraceSearch search;
    private final ToolWindows windows;

    SearchTracesTool(TraceSearch search, ToolWindows windows) {
        this.search = search;
        this.windows = windows;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder()
                .name("search_traces")
                .title("Search requests")
                .description("Requests (entry spans) matching every filter given, newest first or longest first"
                        + " (sort=duration), each with its trace ID, duration, status, user and version. Pass a"
                        + " trace ID to diagnose_trace to learn why it was slow or failed; pass nextCursor as"
                        + " cursor, with the same filters, for the next page.")
                .annotations(READS)
                .inputSchema(new ToolSchema()
                        .text("service", ToolSchema.SERVICE)
                        .text("endpoint", ToolSchema.ENDPOINT)
                        .choice("status", "Span status: error, or ok (everything else).", "ok", "error")
                        .text("httpStatus", "An HTTP status (100-599) or a class of them (1xx-5xx).")
                        .text("user", "User ID (enduser.id or user.id), exact.")
                        .number("minMs", "Shortest duration in milliseconds, inclusive.")
                        .number("maxMs", "Longest duration in milliseconds, inclusive; not below minMs.")
                        .number(
                                "abovePercentile",
                                "Only requests at or above their endpoint's percentile over the window (strictly"
                                        + " between 0 and 100), such as 99 for the slowest 1 %.")
                        .text("version", "Service version (service.version).")
                        .text("environment", "Deployment environment (deployment.environment.name).")
                        .texts(
                                "attr",
                                "Attribute conditions key=value (all must hold) on the request span or its"
                                        + " resource, such as http.request.method=POST.")
                        .choice("sort", "time: newest first (default); duration: longest first.", "time", "duration")
                        .integer("limit", "Results per page, 1 to 500. Default: " + DEFAULT_LIMIT + ".")
                        .text("cursor", "The nextCursor of the previous page, with the same filters.")
                        .window("1h", true)
                        .build())
                .build();
    }

    @Override
    public Answer answer(ToolArguments arguments) {
        Instant now = Instant.now();
        ToolWindows.Window window = windows.resolve(arguments, "1h", now);
        Map<String, List<String>> parameters = window.parameters();
        parameters.putIfAbsent("limit", List.of(DEFAULT_LIMIT));
        TraceSearch.Page page = search.search(SearchQuery.parse(parameters, now));
        return new Answer(conclusion(page, window.described()), page);
    }

    static String conclusion(TraceSearch.Page page, String window) {
        List<TraceSearch.Result> results = page.results();
        if (results.isEmpty()) {
            return "No request matches " + window + ".";
        }
        TraceSearch.Result longest = results.stream()
                .filter(result -> result.durationMs() == page.longestMs())
                .findFirst()
                .orElse(results.getFirst());
        long failed = results.stream()
                .filter(result -> result.status().equalsIgnoreCase("error") || result.httpStatus() >= 500)
                .count();
        return Formats.count(results.size(), "request") + " " + (results.size() == 1 ? "matches " : "match ")
                + window + (page.nextCursor() == null ? "" : " on this page; more follow (pass nextCursor as cursor)")
                + ". The longest took " + Formats.duration(longest.durationMs()) + ": " + longest.endpoint() + " of "
                + longest.service() + ", trace " + longest.traceId() + ". "
                + (failed == 0 ? "None failed." : Formats.count(failed, "request") + " failed.");
    }
}
