package io.sightline.latency;

import io.sightline.markers.DeployMarkers;
import io.sightline.markers.DeployWindows;
import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimePicker;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The endpoint page: percentiles, the latency histogram (each bar opens the search for its range),
 * the series of count, p50 and p99, and the slowest requests.
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

    /** A deploy marker at {@code x} in the series' 0–100 space. */
    record Marker(double x, String label) {}

    /** A histogram bar in a 0–100 coordinate space, with the search it opens. */
    record Bar(LatencyService.Bucket bucket, double x, double width, double height, String search) {}

    /** A series point in a 0–100 coordinate space. */
    record Dot(double x, double countHeight, double p50Y, double p99Y) {}

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
            LatencyApi.Window window = LatencyApi.Window.of(resolved.parameters(), now);
            LatencyService.Latency result =
                    latency.latency(window.service(), window.endpoint(), window.from(), window.to(), window.version());
            page.addObject("l", result);
            page.addObject("bars", bars(result));
            page.addObject("dots", dots(result));
            double span =
                    Math.max(1, window.to().getEpochSecond() - window.from().getEpochSecond());
            page.addObject(
                    "markers",
                    deploys.list(window.service(), window.from(), window.to()).stream()
                            .map(deploy -> new Marker(
                                    (deploy.at().getEpochSecond()
                                                    - window.from().getEpochSecond())
                                            / span
                                            * 100,
                                    "deploy " + deploy.version()
                                            + (deploy.environment().isEmpty() ? "" : " to " + deploy.environment())))
                            .toList());
            page.addObject(
                    "slow",
                    slowRequests.difference(
                            window.service(),
                            window.endpoint(),
                            window.from(),
                            window.to(),
                            LatencyApi.percentile(request)));
            page.addObject("cache", cache.cache(window.service(), window.endpoint(), window.from(), window.to()));
            page.addObject(
                    "maxP99",
                    result.series().stream()
                            .mapToDouble(LatencyService.Point::p99Ms)
                            .max()
                            .orElse(0));
        } catch (BadParameterException e) {
            page.addObject("error", e.getMessage());
        }
        page.addObject("picker", TimePicker.of(request, "1h", picked));
        return page;
    }

    static List<Bar> bars(LatencyService.Latency result) {
        long most = result.buckets().stream()
                .mapToLong(LatencyService.Bucket::count)
                .max()
                .orElse(0);
        List<Bar> bars = new ArrayList<>();
        double width = 100.0 / result.buckets().size();
        for (int i = 0; i < result.buckets().size(); i++) {
            LatencyService.Bucket bucket = result.buckets().get(i);
            UriComponentsBuilder search = UriComponentsBuilder.fromPath("/search")
                    .queryParam("from", result.from())
                    .queryParam("to", result.to())
                    .queryParam("service", result.service())
                    .queryParam("endpoint", result.endpoint())
                    .queryParam("minMs", bucket.fromMs())
                    .queryParam("sort", "duration");
            if (bucket.toMs() != null) {
                search.queryParam("maxMs", bucket.toMs() - 0.001);
            }
            bars.add(new Bar(
                    bucket,
                    i * width + 1,
                    width - 2,
                    most == 0 ? 0 : Math.max(1, bucket.count() * 100.0 / most),
                    search.encode().build().toUriString()));
        }
        return bars;
    }

    static List<Dot> dots(LatencyService.Latency result) {
        List<LatencyService.Point> series = result.series();
        long most =
                series.stream().mapToLong(LatencyService.Point::requests).max().orElse(1);
        double slowest =
                series.stream().mapToDouble(LatencyService.Point::p99Ms).max().orElse(1);
        double span = Math.max(1, result.to().getEpochSecond() - result.from().getEpochSecond());
        return series.stream()
                .map(point -> new Dot(
                        (point.at().getEpochSecond() - result.from().getEpochSecond()) / span * 100,
                        point.requests() * 100.0 / most,
                        100 - point.p50Ms() / slowest * 100,
                        100 - point.p99Ms() / slowest * 100))
                .toList();
    }
}
