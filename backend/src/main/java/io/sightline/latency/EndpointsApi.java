package io.sightline.latency;

import io.sightline.search.SearchQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/endpoints?service&from&to} (or {@code range=1h}): the overview rows. Times as
 * in search: ISO-8601 or epoch milliseconds.
 */
@RestController
class EndpointsApi {

    private final EndpointService endpoints;

    EndpointsApi(EndpointService endpoints) {
        this.endpoints = endpoints;
    }

    record Overview(Instant from, Instant to, List<EndpointService.EndpointStats> endpoints) {}

    @GetMapping("/api/v1/endpoints")
    Overview endpoints(HttpServletRequest request) {
        SearchQuery window = SearchQuery.parse(request, "1h");
        return new Overview(window.from(), window.to(), endpoints.endpoints(window.from(), window.to(), window.service()));
    }

}
