package io.sightline.deploys;

import io.sightline.search.BadSearchException;
import io.sightline.search.SearchQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

    DeployApi(DeployService deploys) {
        this.deploys = deploys;
    }

    record NewDeploy(String service, String version, String environment, String commit, String at) {}

    @PostMapping("/api/v1/deploys")
    ResponseEntity<Map<String, Object>> post(@RequestBody NewDeploy deploy) {
        if (deploy.service() == null || deploy.service().isBlank() || deploy.service().length() > 200) {
            throw new BadSearchException("service", "is required (up to 200 characters)");
        }
        if (deploy.version() == null || deploy.version().isBlank() || deploy.version().length() > 200) {
            throw new BadSearchException("version", "is required (up to 200 characters)");
        }
        Instant at = null;
        if (deploy.at() != null && !deploy.at().isBlank()) {
            try {
                at = deploy.at().matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(deploy.at())) : Instant.parse(deploy.at());
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new BadSearchException("at", "use ISO-8601 (2026-11-24T10:00:00Z) or epoch milliseconds");
            }
        }
        boolean added = deploys.post(deploy.service().strip(), deploy.version().strip(),
                deploy.environment() == null ? null : deploy.environment().strip(), deploy.commit(), at);
        return ResponseEntity.status(added ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("created", added, "service", deploy.service().strip(), "version", deploy.version().strip()));
    }

    @GetMapping("/api/v1/deploys")
    Map<String, Object> list(HttpServletRequest request) {
        SearchQuery window = SearchQuery.parse(request, "7d");
        return Map.of("from", window.from(), "to", window.to(), "deploys", deploys.list(window.service(), window.from(), window.to()));
    }


    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(Exception e) {
        return ResponseEntity.badRequest().body(Map.of("error", "the body must be JSON such as {\"service\":\"cart\",\"version\":\"1.2.0\"}"));
    }
}
