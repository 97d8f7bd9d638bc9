package io.sightline.latency;

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
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/endpoints?service&from&to} (or {@code range=1h}): the overview rows, over the
 * window every API takes ({@link TimeRange}).
 */
@RestController
@Tag(name = "Endpoints")
@ReadsSpanStorage
class EndpointsApi {

    private final EndpointService endpoints;

    EndpointsApi(EndpointService endpoints) {
        this.endpoints = endpoints;
    }

    record Overview(Instant from, Instant to, List<EndpointService.EndpointStats> endpoints) {}

    @Operation(
            operationId = "listEndpoints",
            summary = "Services and endpoints at a glance",
            description = "One row per endpoint that served requests in the window: requests, errors, error rate,"
                    + " requests per minute and p50/p95/p99, by service, then the busiest first. Percentiles are"
                    + " exact up to six hours and come from per-minute rollups beyond.")
    @Parameter(in = ParameterIn.QUERY, name = "service", description = "Only this service (service.name).")
    @WindowParameters(defaultRange = "1h")
    @GetMapping("/api/v1/endpoints")
    Overview endpoints(HttpServletRequest request) {
        TimeRange window = TimeRange.of(request, "1h");
        String service = Parameters.first(request, "service");
        return new Overview(window.from(), window.to(), endpoints.endpoints(window.from(), window.to(), service));
    }
}
