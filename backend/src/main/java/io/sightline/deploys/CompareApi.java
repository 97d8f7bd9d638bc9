package io.sightline.deploys;

import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.ReadsSpanStorage;
import io.sightline.web.TimeRange;
import io.sightline.web.WindowParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/compare?service&before=<version>&after=<version>} over {@code from}/{@code to}
 * (or {@code range}, default 24h), or {@code ?service&beforeFrom&beforeTo&afterFrom&afterTo} for
 * any two windows: see {@link DeployComparison}.
 */
@RestController
@Tag(name = "Deploys")
@ReadsSpanStorage
class CompareApi {

    private static final String WINDOW_BOUND = "ISO-8601 or epoch milliseconds. With afterFrom, the comparison is"
            + " of two windows whatever the versions: all four are required, each window at most 31 days.";

    private final DeployComparison comparison;

    CompareApi(DeployComparison comparison) {
        this.comparison = comparison;
    }

    @Operation(
            operationId = "compareVersions",
            summary = "Compare two versions (or two windows) of a service",
            description = "Per endpoint: requests, error rate and p50/p95/p99 before and after, ranked by how much"
                    + " p95 regressed; calls per request by statement, with a call that appeared or multiplied to"
                    + " several per request flagged as N+1; example traces of each side. Either two versions over"
                    + " one window (before, after, and from/to or range), or any two windows (beforeFrom, beforeTo,"
                    + " afterFrom, afterTo).")
    @Parameter(in = ParameterIn.QUERY, name = "service", required = true, description = "Service name (service.name).")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "before",
            description = "The earlier version (service.version); required unless comparing windows.",
            example = "1.4.0")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "after",
            description = "The later version; required unless comparing windows.",
            example = "1.5.0")
    @Parameter(in = ParameterIn.QUERY, name = "beforeFrom", description = "Start of the before window: " + WINDOW_BOUND)
    @Parameter(in = ParameterIn.QUERY, name = "beforeTo", description = "End of the before window: " + WINDOW_BOUND)
    @Parameter(in = ParameterIn.QUERY, name = "afterFrom", description = "Start of the after window: " + WINDOW_BOUND)
    @Parameter(in = ParameterIn.QUERY, name = "afterTo", description = "End of the after window: " + WINDOW_BOUND)
    @WindowParameters(defaultRange = "24h")
    @GetMapping("/api/v1/compare")
    DeployComparison.Comparison compare(HttpServletRequest request) {
        if (request.getParameter("afterFrom") != null) {
            return compareWindows(request);
        }
        TimeRange window = TimeRange.of(request, "24h");
        String service = Parameters.first(request, "service");
        String before = Parameters.first(request, "before");
        String after = Parameters.first(request, "after");
        if (service == null) {
            throw new BadParameterException("service", "is required");
        }
        if (before == null || after == null) {
            throw new BadParameterException(
                    before == null ? "before" : "after", "is required: the versions to compare");
        }
        return comparison.compare(service, before, after, window.from(), window.to());
    }

    /**
     * {@code beforeFrom, beforeTo, afterFrom, afterTo} (ISO-8601 or epoch ms): two windows, any
     * versions, each non-empty and at most 31 days long, as every window is.
     */
    private DeployComparison.Comparison compareWindows(HttpServletRequest request) {
        String service = Parameters.first(request, "service");
        if (service == null) {
            throw new BadParameterException("service", "is required");
        }
        TimeRange before = TimeRange.between(
                "beforeFrom", instant(request, "beforeFrom"), "beforeTo", instant(request, "beforeTo"));
        TimeRange after =
                TimeRange.between("afterFrom", instant(request, "afterFrom"), "afterTo", instant(request, "afterTo"));
        return comparison.compareWindows(service, before.from(), before.to(), after.from(), after.to());
    }

    private static Instant instant(HttpServletRequest request, String name) {
        String text = Parameters.first(request, name);
        if (text == null) {
            throw new BadParameterException(name, "is required when comparing two windows");
        }
        return Parameters.instant(name, text);
    }
}
