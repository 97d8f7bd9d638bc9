package io.sightline.deploys;

import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
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
class CompareApi {

    private final DeployComparison comparison;

    CompareApi(DeployComparison comparison) {
        this.comparison = comparison;
    }

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
