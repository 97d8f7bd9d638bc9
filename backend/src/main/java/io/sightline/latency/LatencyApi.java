package io.sightline.latency;

import io.sightline.search.BadSearchException;
import io.sightline.search.SearchQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
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
        return slowRequests.difference(window.service(), window.endpoint(), window.from(), window.to(), percentile(request));
    }

    static double percentile(HttpServletRequest request) {
        String text = request.getParameter("percentile");
        try {
            double value = text == null || text.isBlank() ? 99 : Double.parseDouble(text);
            if (value <= 0 || value >= 100) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadSearchException("percentile", "must be between 0 and 100, such as 99");
        }
    }

    /** {@code GET /api/v1/cache?service&from&to} (or {@code range}), optionally {@code endpoint}: see {@link CacheService}. */
    @GetMapping("/api/v1/cache")
    Map<String, Object> cache(HttpServletRequest request) {
        SearchQuery query = SearchQuery.parse(request, "1h");
        if (query.service() == null) {
            throw new BadSearchException("service", "is required");
        }
        return Map.of("from", query.from(), "to", query.to(),
                "cache", cache.cache(query.service(), query.endpoint(), query.from(), query.to()));
    }

    @GetMapping("/api/v1/latency")
    LatencyService.Latency latency(HttpServletRequest request) {
        Window window = Window.of(request);
        return latency.latency(window.service(), window.endpoint(), window.from(), window.to(), window.version());
    }


    /** The endpoint and window both the API and the page take, parsed and checked. */
    record Window(String service, String endpoint, Instant from, Instant to, String version) {
        static Window of(HttpServletRequest request) {
            SearchQuery query = SearchQuery.parse(request, "1h");
            if (query.service() == null) {
                throw new BadSearchException("service", "is required");
            }
            if (query.endpoint() == null) {
                throw new BadSearchException("endpoint", "is required, such as POST /checkout");
            }
            return new Window(query.service(), query.endpoint(), query.from(), query.to(), query.version());
        }
    }
}
