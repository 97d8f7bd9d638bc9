package io.sightline.latency;

import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/endpoints?service&from&to} (or {@code range=1h}): the overview rows, over the
 * window every API takes ({@link TimeRange}).
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
        TimeRange window = TimeRange.of(request, "1h");
        String service = Parameters.first(request, "service");
        return new Overview(window.from(), window.to(), endpoints.endpoints(window.from(), window.to(), service));
    }
}
