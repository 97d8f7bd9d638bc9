package io.sightline.latency;

import io.sightline.markers.DeployWindows;
import io.sightline.web.BadParameterException;
import io.sightline.web.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The home page: every service's endpoints with volume, error rate and p50/p95/p99; each number opens its search. */
@Controller
class OverviewPage {

    private static final List<String> RANGES = List.of("15m", "1h", "6h", "24h", "7d");

    private final EndpointService endpoints;
    private final DeployWindows deployWindows;

    OverviewPage(EndpointService endpoints, DeployWindows deployWindows) {
        this.endpoints = endpoints;
        this.deployWindows = deployWindows;
    }

    @GetMapping("/")
    ModelAndView overview(@RequestParam(defaultValue = "1h") String range) {
        ModelAndView page = new ModelAndView("latency/overview");
        page.addObject("ranges", RANGES);
        page.addObject("range", range);
        try {
            // Across all services here: deploy:last is since the newest deploy of any service.
            Instant now = Instant.now();
            DeployWindows.Resolved resolved = deployWindows.resolve(Map.of("range", List.of(range)), now);
            page.addObject("deployWindow", resolved.window());
            TimeRange window = TimeRange.parse(resolved.parameters(), now);
            page.addObject("rows", endpoints.endpoints(window.from(), window.to(), null));
        } catch (BadParameterException e) {
            page.addObject("rows", List.of());
            page.addObject("error", e.getMessage());
        }
        return page;
    }
}
