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

    /** {@code beforeFrom, beforeTo, afterFrom, afterTo} (ISO-8601 or epoch ms): two windows, any versions. */
    private DeployComparison.Comparison compareWindows(HttpServletRequest request) {
        String service = Parameters.first(request, "service");
        if (service == null) {
            throw new BadParameterException("service", "is required");
        }
        Instant beforeFrom = instant(request, "beforeFrom");
        Instant beforeTo = instant(request, "beforeTo");
        Instant afterFrom = instant(request, "afterFrom");
        Instant afterTo = instant(request, "afterTo");
        if (!beforeFrom.isBefore(beforeTo) || !afterFrom.isBefore(afterTo)) {
            throw new BadParameterException("afterTo", "each window must end after it starts");
        }
        return comparison.compareWindows(service, beforeFrom, beforeTo, afterFrom, afterTo);
    }

    private static Instant instant(HttpServletRequest request, String name) {
        String text = Parameters.first(request, name);
        if (text == null) {
            throw new BadParameterException(name, "is required when comparing two windows");
        }
        return Parameters.instant(name, text);
    }
}
