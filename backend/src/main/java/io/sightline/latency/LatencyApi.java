package io.sightline.latency;

import io.sightline.web.BadParameterException;
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
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/latency?service&endpoint&from&to} (or {@code range}), optionally
 * {@code version}: one endpoint's latency over the window (see {@link LatencyService}); its
 * {@code /heatmap}, {@code /slow} and the service's {@code /api/v1/cache} take the same window.
 */
@RestController
@Tag(name = "Endpoints")
@ReadsSpanStorage
class LatencyApi {

    private static final String SERVICE = "Service name (service.name).";
    private static final String ENDPOINT = "Endpoint: the http.route with its method, else the span name.";

    private final LatencyService latency;
    private final CacheService cache;
    private final SlowRequests slowRequests;

    LatencyApi(LatencyService latency, CacheService cache, SlowRequests slowRequests) {
        this.latency = latency;
        this.cache = cache;
        this.slowRequests = slowRequests;
    }

    record CacheRatios(Instant from, Instant to, List<CacheService.CacheStats> cache) {}

    /** {@code GET /api/v1/latency/slow?service&endpoint&…&percentile=99}: see {@link SlowRequests}. */
    @Operation(
            operationId = "getSlowRequests",
            summary = "What sets an endpoint's slow requests apart",
            description = "Compares the endpoint's requests at or above its percentile over the window (the slow"
                    + " ones) with the rest: the downstream calls whose count or time per request differs most, and"
                    + " the attribute values (of the request span and its resource) over-represented among the slow"
                    + " requests, ten of each.")
    @Parameter(in = ParameterIn.QUERY, name = "service", required = true, description = SERVICE)
    @Parameter(
            in = ParameterIn.QUERY,
            name = "endpoint",
            required = true,
            description = ENDPOINT,
            example = "POST /checkout")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "percentile",
            description = "Where slow begins: requests at or above this percentile of the endpoint's durations,"
                    + " strictly between 0 and 100.",
            schema = @Schema(type = "number", minimum = "0", maximum = "100", defaultValue = "99"))
    @WindowParameters(defaultRange = "1h")
    @GetMapping("/api/v1/latency/slow")
    SlowRequests.Difference slow(HttpServletRequest request) {
        EndpointWindow window = window(request);
        return slowRequests.difference(
                window.service(), window.endpoint(), window.from(), window.to(), percentile(request));
    }

    static double percentile(HttpServletRequest request) {
        String text = Parameters.first(request, "percentile");
        return text == null ? 99 : Parameters.percentile("percentile", text);
    }

    /** {@code GET /api/v1/cache?service&from&to} (or {@code range}), optionally {@code endpoint}: see {@link CacheService}. */
    @Operation(
            operationId = "getCacheRatios",
            summary = "Cache hit ratios",
            description = "Per endpoint and cache operation of the service: lookups, hits, misses and the hit ratio"
                    + " over the window. Hits and misses come from the cache.hit attribute; Redis and Memcached"
                    + " clients do not record it, so lookups can exceed hits + misses and the ratio covers known"
                    + " outcomes only.")
    @Parameter(in = ParameterIn.QUERY, name = "service", required = true, description = SERVICE)
    @Parameter(
            in = ParameterIn.QUERY,
            name = "endpoint",
            description = ENDPOINT + " Default: every endpoint of the service.",
            example = "GET /cart")
    @WindowParameters(defaultRange = "1h")
    @GetMapping("/api/v1/cache")
    CacheRatios cache(HttpServletRequest request) {
        TimeRange window = TimeRange.of(request, "1h");
        Map<String, List<String>> parameters = Parameters.of(request);
        String service = Parameters.first(parameters, "service");
        if (service == null) {
            throw new BadParameterException("service", "is required");
        }
        return new CacheRatios(
                window.from(),
                window.to(),
                cache.cache(service, Parameters.first(parameters, "endpoint"), window.from(), window.to()));
    }

    @Operation(
            operationId = "getLatency",
            summary = "One endpoint's latency",
            description =
                    "Requests, errors and throughput of one endpoint over the window; percentiles p50-p99;"
                            + " the standard latency buckets (0-10 ms, 10-25, 25-50, 50-100, 100-200, 200-500, 500 ms-1 s,"
                            + " 1-2 s, 2 s+); a series of about 60 points; the ten slowest requests. Windows up to six hours"
                            + " are computed exactly from raw spans, longer ones from per-minute rollups (precision says which).")
    @Parameter(in = ParameterIn.QUERY, name = "service", required = true, description = SERVICE)
    @Parameter(
            in = ParameterIn.QUERY,
            name = "endpoint",
            required = true,
            description = ENDPOINT,
            example = "POST /checkout")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "version",
            description = "Only requests of this service version (service.version).")
    @WindowParameters(defaultRange = "1h")
    @GetMapping("/api/v1/latency")
    LatencyService.Latency latency(HttpServletRequest request) {
        EndpointWindow window = window(request);
        return latency.latency(window.service(), window.endpoint(), window.from(), window.to(), window.version());
    }

    @Operation(
            operationId = "getLatencyHeatmap",
            summary = "One endpoint's latency heatmap",
            description = "Requests per time step and standard latency bucket over the window (the steps of"
                    + " getLatency's series): each column holds the counts of the nine buckets, 0-10 ms first."
                    + " Exact from raw spans up to six hours, from per-minute rollups beyond.")
    @Parameter(in = ParameterIn.QUERY, name = "service", required = true, description = SERVICE)
    @Parameter(
            in = ParameterIn.QUERY,
            name = "endpoint",
            required = true,
            description = ENDPOINT,
            example = "POST /checkout")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "version",
            description = "Only requests of this service version (service.version).")
    @WindowParameters(defaultRange = "1h")
    @GetMapping("/api/v1/latency/heatmap")
    LatencyService.Heatmap heatmap(HttpServletRequest request) {
        EndpointWindow window = window(request);
        return latency.heatmap(window.service(), window.endpoint(), window.from(), window.to(), window.version());
    }

    private static EndpointWindow window(HttpServletRequest request) {
        return EndpointWindow.of(Parameters.of(request), Instant.now());
    }
}
