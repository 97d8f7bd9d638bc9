package io.sightline.deploys;

import io.sightline.search.BadSearchException;
import io.sightline.search.SearchQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/compare?service&before=<version>&after=<version>} over {@code from}/{@code to}
 * (or {@code range}, default 24h): see {@link DeployComparison}.
 */
@RestController
class CompareApi {

    private final DeployComparison comparison;

    CompareApi(DeployComparison comparison) {
        this.comparison = comparison;
    }

    @GetMapping("/api/v1/compare")
    DeployComparison.Comparison compare(HttpServletRequest request) {
        SearchQuery window = SearchQuery.parse(request, "24h");
        String before = request.getParameter("before");
        String after = request.getParameter("after");
        if (window.service() == null) {
            throw new BadSearchException("service", "is required");
        }
        if (before == null || before.isBlank() || after == null || after.isBlank()) {
            throw new BadSearchException(before == null || before.isBlank() ? "before" : "after", "is required: the versions to compare");
        }
        return comparison.compare(window.service(), before.strip(), after.strip(), window.from(), window.to());
    }

    @ExceptionHandler(BadSearchException.class)
    ResponseEntity<Map<String, String>> badRequest(BadSearchException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage(), "parameter", e.parameter()));
    }
}
