package io.sightline.deploys;

import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import io.sightline.web.ApiDocs;
import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import io.sightline.web.WindowParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/deploys {service, version, environment?, commit?, at?}} with an ingest key
 * (what a deploy pipeline holds); {@code GET /api/v1/deploys?service&from&to} (or {@code range}).
 * {@code at} is ISO-8601 or epoch milliseconds; it defaults to now.
 */
@RestController
@Tag(name = "Deploys")
class DeployApi {

    private final DeployService deploys;
    private final DeployMarkers markers;

    DeployApi(DeployService deploys, DeployMarkers markers) {
        this.deploys = deploys;
        this.markers = markers;
    }

    record NewDeploy(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, example = "checkout")
            String service,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, example = "1.5.0")
            String version,

            @Schema(example = "production") String environment,
            @Schema(example = "9fceb02") String commit,

            @Schema(
                    description = "When it was deployed: ISO-8601 or epoch milliseconds; default now",
                    example = "2026-11-24T10:00:00Z")
            String at) {}

    record Posted(
            @Schema(description = "false when this version of the service was already marked")
            boolean created,

            String service,
            String version) {}

    record Deploys(Instant from, Instant to, List<DeployMarker> deploys) {}

    @Operation(
            operationId = "postDeploy",
            summary = "Mark a deploy",
            description = "What a deploy pipeline calls, with an API key holding the ingest scope: marks a version"
                    + " of a service as deployed in the key's project, so comparisons and the deploys page know"
                    + " it. Versions are also detected from spans' service.version; marking one twice is harmless.")
    @SecurityRequirement(name = ApiDocs.BEARER, scopes = "ingest")
    @ApiResponse(responseCode = "201", description = "Marked")
    @ApiResponse(responseCode = "200", description = "Already marked; nothing changed")
    @PostMapping("/api/v1/deploys")
    ResponseEntity<Posted> post(@RequestBody NewDeploy deploy) {
        if (deploy.service() == null
                || deploy.service().isBlank()
                || deploy.service().length() > 200) {
            throw new BadParameterException("service", "is required (up to 200 characters)");
        }
        if (deploy.version() == null
                || deploy.version().isBlank()
                || deploy.version().length() > 200) {
            throw new BadParameterException("version", "is required (up to 200 characters)");
        }
        Instant at = deploy.at() == null || deploy.at().isBlank() ? null : Parameters.instant("at", deploy.at());
        boolean added = deploys.post(
                deploy.service().strip(),
                deploy.version().strip(),
                deploy.environment() == null ? null : deploy.environment().strip(),
                deploy.commit(),
                at);
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new Posted(
                        added, deploy.service().strip(), deploy.version().strip()));
    }

    @Operation(
            operationId = "listDeploys",
            summary = "Deploys in a window",
            description = "The deploy markers of the caller's projects in the window, posted by pipelines (source"
                    + " POSTED) or detected from a new service.version in spans (DETECTED), oldest first.")
    @Parameter(in = ParameterIn.QUERY, name = "service", description = "Only this service (service.name).")
    @WindowParameters(defaultRange = "7d")
    @GetMapping("/api/v1/deploys")
    Deploys list(HttpServletRequest request) {
        TimeRange window = TimeRange.of(request, "7d");
        String service = Parameters.first(request, "service");
        return new Deploys(window.from(), window.to(), markers.list(service, window.from(), window.to()));
    }
}
