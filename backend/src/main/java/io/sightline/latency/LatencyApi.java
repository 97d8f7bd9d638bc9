package io.sightline.latency;

import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/latency?service&endpoint&from&to} (or {@code range}), optionally
 * {@code version}: one endpoint's latency over the window (see {@link LatencyService}).
 */
@RestController
class LatencyApi {

    private final LatencyService latency;
    private final CacheService cache;
    private final SlowRequests slowRequests;

    LatencyApi(LatencyService latency, CacheService cache, SlowRequests slowRequests) {
        this.latency = latency;
        this.cache = cache;
        this.slowRequests = slowRequests;
    }

    /** {@code GET /api/v1/latency/slow?service&endpoint&…&percentile=99}: see {@link SlowRequests}. */
    @GetMapping("/api/v1/latency/slow")
    SlowRequests.Difference slow(HttpServletRequest request) {
        Window window = Window.of(request);
        return slowRequests.difference(
                window.service(), window.endpoint(), window.from(), window.to(), percentile(request));
    }

    static double percentile(HttpServletRequest request) {
        String text = Parameters.first(request, "percentile");
        return text == null ? 99 : Parameters.percentile("percentile", text);
    }

    /** {@code GET /api/v1/cache?service&from&to} (or {@code range}), optionally {@code endpoint}: see {@link CacheService}. */
    @GetMapping("/api/v1/cache")
    Map<String, Object> cache(HttpServletRequest request) {
        TimeRange window = TimeRange.of(request, "1h");
        Map<String, List<String>> parameters = Parameters.of(request);
        String service = Parameters.first(parameters, "service");
        if (service == null) {
            throw new BadParameterException("service", "is required");
        }
        return Map.of(
                "from",
                window.from(),
                "to",
                window.to(),
                "cache",
                cache.cache(service, Parameters.first(parameters, "endpoint"), window.from(), window.to()));
    }

    @GetMapping("/api/v1/latency")
    LatencyService.Latency latency(HttpServletRequest request) {
        Window window = Window.of(request);
        return latency.latency(window.service(), window.endpoint(), window.from(), window.to(), window.version());
    }

    /** The endpoint and window both the API and the page take, parsed and checked. */
    record Window(String service, String endpoint, Instant from, Instant to, String version) {
        static Window of(HttpServletRequest request) {
            TimeRange window = TimeRange.of(request, "1h");
            Map<String, List<String>> parameters = Parameters.of(request);
            String service = Parameters.first(parameters, "service");
            String endpoint = Parameters.first(parameters, "endpoint");
            if (service == null) {
                throw new BadParameterException("service", "is required");
            }
            if (endpoint == null) {
                throw new BadParameterException("endpoint", "is required, such as POST /checkout");
            }
            return new Window(service, endpoint, window.from(), window.to(), Parameters.first(parameters, "version"));
        }
    }
}
