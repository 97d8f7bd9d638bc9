package io.sightline.latency;

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

    OverviewPage(EndpointService endpoints) {
        this.endpoints = endpoints;
    }

    @GetMapping("/")
    ModelAndView overview(@RequestParam(defaultValue = "1h") String range) {
        ModelAndView page = new ModelAndView("latency/overview");
        page.addObject("ranges", RANGES);
        page.addObject("range", range);
        try {
            TimeRange window = TimeRange.parse(Map.of("range", List.of(range)), Instant.now());
            page.addObject("rows", endpoints.endpoints(window.from(), window.to(), null));
        } catch (BadParameterException e) {
            page.addObject("rows", List.of());
            page.addObject("error", e.getMessage());
        }
        return page;
    }
}
