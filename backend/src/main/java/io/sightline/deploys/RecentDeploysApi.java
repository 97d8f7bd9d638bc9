package io.sightline.deploys;

import io.sightline.web.Parameters;
import io.sightline.web.ReadsSpanStorage;
import io.sightline.web.TimeRange;
import io.sightline.web.WindowParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/deploys/recent?limit} over {@code from}/{@code to} (or {@code range}, default 7d): see {@link RecentDeploys}. */
@RestController
@Tag(name = "Deploys")
@ReadsSpanStorage
class RecentDeploysApi {

    private final RecentDeploys recent;

    RecentDeploysApi(RecentDeploys recent) {
        this.recent = recent;
    }

    record Recent(Instant from, Instant to, List<RecentDeploys.Row> deploys) {}

    @Operation(
            operationId = "recentDeploys",
            summary = "Recent deploys with their verdicts",
            description = "The deploys of every service in the caller's projects, newest first, each with the deploy"
                    + " it replaced and a verdict from comparing the two versions: the endpoint whose p95 worsened"
                    + " most, the endpoint whose error rate rose most, an N+1 introduced, or which side had no"
                    + " requests. Each comparison covers the previous deploy's time (at most 24 h before) to the"
                    + " next deploy or now (at most 24 h after). The newest 20 rows are judged; verdicts are cached"
                    + " for 5 minutes.")
    @Parameter(in = ParameterIn.QUERY, name = "service", description = "Only this service (service.name).")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "limit",
            description = "Deploys listed, newest first.",
            schema = @Schema(type = "integer", minimum = "1", maximum = "50", defaultValue = "50"))
    @WindowParameters(defaultRange = "7d")
    @GetMapping("/api/v1/deploys/recent")
    Recent recent(HttpServletRequest request) {
        Instant now = Instant.now();
        TimeRange window = TimeRange.of(Parameters.of(request), "7d", now);
        String limit = Parameters.first(request, "limit");
        int count = limit == null
                ? RecentDeploys.MAX_LISTED
                : Parameters.wholeNumber("limit", limit, 1, RecentDeploys.MAX_LISTED);
        return new Recent(
                window.from(),
                window.to(),
                recent.recent(Parameters.first(request, "service"), window.from(), window.to(), count, now));
    }
}
