package io.sightline.deploys;

import io.sightline.markers.DeployMarkers;
import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Map;
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
class DeployApi {

    private final DeployService deploys;
    private final DeployMarkers markers;

    DeployApi(DeployService deploys, DeployMarkers markers) {
        this.deploys = deploys;
        this.markers = markers;
    }

    record NewDeploy(String service, String version, String environment, String commit, String at) {}

    @PostMapping("/api/v1/deploys")
    ResponseEntity<Map<String, Object>> post(@RequestBody NewDeploy deploy) {
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
                .body(Map.of(
                        "created",
                        added,
                        "service",
                        deploy.service().strip(),
                        "version",
                        deploy.version().strip()));
    }

    @GetMapping("/api/v1/deploys")
    Map<String, Object> list(HttpServletRequest request) {
        TimeRange window = TimeRange.of(request, "7d");
        String service = Parameters.first(request, "service");
        return Map.of(
                "from", window.from(), "to", window.to(), "deploys", markers.list(service, window.from(), window.to()));
    }
}
