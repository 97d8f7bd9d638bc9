package io.sightline.latency;

import io.sightline.markers.DeployMarkers;
import io.sightline.markers.DeployWindows;
import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimePicker;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The endpoint page: percentiles, the latency buckets (each opens the search for its range), the
 * window's deploys, the slowest requests and what sets them apart, cache ratios. Its charts are
 * drawn in the browser from the JSON APIs ({@code endpoint.ts}).
 */
@Controller
class EndpointPage {

    private final LatencyService latency;
    private final DeployMarkers deploys;
    private final CacheService cache;
    private final SlowRequests slowRequests;

    private final DeployWindows deployWindows;

    EndpointPage(
            LatencyService latency,
            DeployMarkers deploys,
            CacheService cache,
            SlowRequests slowRequests,
            DeployWindows deployWindows) {
        this.deployWindows = deployWindows;
        this.latency = latency;
        this.deploys = deploys;
        this.cache = cache;
        this.slowRequests = slowRequests;
    }

    /** A histogram bucket with the search for its requests. */
    record BucketLink(LatencyService.Bucket bucket, String search) {}

    @GetMapping("/endpoints")
    ModelAndView endpoint(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("latency/endpoint");
        TimeRange picked = null;
        try {
            // Deploy windows (deploy:last, deploy:previous) are of this page's service.
            Instant now = Instant.now();
            DeployWindows.Resolved resolved = deployWindows.resolve(Parameters.of(request), now);
            page.addObject("deployWindow", resolved.window());
            picked = TimeRange.of(resolved.parameters(), "1h", now);
            EndpointWindow window = EndpointWindow.of(resolved.parameters(), now);
            LatencyService.Latency result =
                    latency.latency(window.service(), window.endpoint(), window.from(), window.to(), window.version());
            page.addObject("l", result);
            page.addObject("buckets", bucketLinks(result));
            page.addObject("deploys", deploys.list(window.service(), window.from(), window.to()));
            page.addObject(
                    "slow",
                    slowRequests.difference(
                            window.service(),
                            window.endpoint(),
                            window.from(),
                            window.to(),
                            LatencyApi.percentile(request)));
            page.addObject("cache", cache.cache(window.service(), window.endpoint(), window.from(), window.to()));
        } catch (BadParameterException e) {
            page.addObject("error", e.getMessage());
        }
        page.addObject("picker", TimePicker.of(request, "1h", picked));
        return page;
    }

    static List<BucketLink> bucketLinks(LatencyService.Latency result) {
        List<BucketLink> links = new ArrayList<>();
        for (LatencyService.Bucket bucket : result.buckets()) {
            UriComponentsBuilder search = UriComponentsBuilder.fromPath("/search")
                    .queryParam("from", result.from())
                    .queryParam("to", result.to())
                    .queryParam("service", result.service())
                    .queryParam("endpoint", result.endpoint())
                    .queryParam("minMs", bucket.fromMs())
                    .queryParam("sort", "duration");
            if (bucket.toMs() != null) {
                // Search's maxMs is inclusive and rounds to nanoseconds: 1 ns below the exclusive bound.
                search.queryParam("maxMs", BigDecimal.valueOf(bucket.toMs()).subtract(new BigDecimal("0.000001")));
            }
            links.add(new BucketLink(bucket, search.encode().build().toUriString()));
        }
        return links;
    }
}
