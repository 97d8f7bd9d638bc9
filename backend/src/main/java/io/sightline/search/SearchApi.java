package io.sightline.search;

import io.sightline.markers.DeployWindows;
import io.sightline.web.Parameters;
import io.sightline.web.ReadsSpanStorage;
import io.sightline.web.WindowParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/search}: the search page's filters as query parameters (see {@link SearchQuery}). */
@RestController
@Tag(name = "Search")
@ReadsSpanStorage
class SearchApi {

    private final TraceSearch search;
    private final DeployWindows deployWindows;

    SearchApi(TraceSearch search, DeployWindows deployWindows) {
        this.search = search;
        this.deployWindows = deployWindows;
    }

    @Operation(
            operationId = "searchRequests",
            summary = "Search requests",
            description = "Requests (entry spans: SERVER or CONSUMER spans whose parent is in another service or"
                    + " absent) in the caller's projects that match every filter given, one page at a time: newest"
                    + " first, or longest first with sort=duration. Pass the answer's nextCursor as cursor for the"
                    + " next page; it is null on the last page.")
    @Parameter(in = ParameterIn.QUERY, name = "service", description = "Service name (service.name).")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "endpoint",
            description = "Endpoint: the http.route with its method, else the span name.",
            example = "POST /checkout")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "status",
            description = "Span status: error, or ok (everything else).",
            schema = @Schema(allowableValues = {"ok", "error"}))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "httpStatus",
            description = "An HTTP status (100-599) or a class of them (1xx-5xx).",
            schema = @Schema(pattern = "^([1-5][0-9][0-9]|[1-5]xx)$", example = "5xx"))
    @Parameter(in = ParameterIn.QUERY, name = "user", description = "User ID (enduser.id or user.id), exact.")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "minMs",
            description = "Shortest duration, in milliseconds (decimals allowed), inclusive.",
            schema = @Schema(type = "number", minimum = "0", example = "250"))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "maxMs",
            description = "Longest duration, in milliseconds (decimals allowed), inclusive; not below minMs.",
            schema = @Schema(type = "number", minimum = "0"))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "abovePercentile",
            description = "Only requests at or above their endpoint's percentile over the window (strictly between 0"
                    + " and 100), such as 99 for the slowest 1 %. Each result then carries percentileThresholdMs.",
            schema = @Schema(type = "number", minimum = "0", maximum = "100", example = "99"))
    @Parameter(in = ParameterIn.QUERY, name = "version", description = "Service version (service.version).")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "environment",
            description = "Deployment environment (deployment.environment.name).")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "attr",
            description = "Attribute conditions key=value, repeatable (all must hold), on the request span's or its"
                    + " resource's attributes. Either semantic-convention name of a renamed attribute works.",
            array = @ArraySchema(schema = @Schema(type = "string", example = "http.request.method=POST")))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "sort",
            description = "time: newest first; duration: longest first.",
            schema =
                    @Schema(
                            allowableValues = {"time", "duration"},
                            defaultValue = "time"))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "limit",
            description = "Results per page.",
            schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "cursor",
            description = "The nextCursor of the previous page, with the same filters.")
    @WindowParameters(defaultRange = "", deployWindows = true)
    @GetMapping("/api/v1/search")
    TraceSearch.Page search(HttpServletRequest request) {
        // The time range is required here; the page fills in the last hour, the API does not guess.
        Instant now = Instant.now();
        return search.search(SearchQuery.parse(
                deployWindows.resolve(Parameters.of(request), now).parameters(), now));
    }
}
