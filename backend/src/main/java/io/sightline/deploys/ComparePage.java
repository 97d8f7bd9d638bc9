package io.sightline.deploys;

import io.sightline.latency.LatencyService;
import io.sightline.search.BadSearchException;
import io.sightline.search.SearchQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The deploy comparison page: for a service and two versions (by default its last two deploys),
 * every endpoint before and after, ranked by regression, with overlaid histograms, the calls that
 * changed (N+1 flagged) and example traces of each side.
 */
@Controller
class ComparePage {

    private final DeployComparison comparison;
    private final DeployService deploys;
    private final LatencyService latency;

    ComparePage(DeployComparison comparison, DeployService deploys, LatencyService latency) {
        this.comparison = comparison;
        this.deploys = deploys;
        this.latency = latency;
    }

    /** One bucket drawn twice, before and after, as shares of each side's requests (0–100 space). */
    record OverlaidBucket(String label, double x, double width, double beforeHeight, double afterHeight, String title) {}

    record Row(DeployComparison.EndpointComparison endpoint, List<OverlaidBucket> histogram) {}

    @GetMapping("/deploys/compare")
    ModelAndView compare(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("deploys/compare");
        page.addObject("service", request.getParameter("service"));
        try {
            SearchQuery window = SearchQuery.parse(request, "24h");
            if (window.service() == null) {
                return page;
            }
            List<DeployMarker> markers = deploys.list(window.service(), window.from(), window.to());
            String before = blankToNull(request.getParameter("before"));
            String after = blankToNull(request.getParameter("after"));
            if (after == null && !markers.isEmpty()) {
                after = markers.getLast().version();
            }
            if (before == null && markers.size() > 1) {
                before = markers.get(markers.size() - 2).version();
            }
            page.addObject("markers", markers);
            page.addObject("before", before);
            page.addObject("after", after);
            if (before == null || after == null) {
                page.addObject("error", "Choose the two versions to compare; fewer than two deploys of "
                        + window.service() + " are known in this window.");
                return page;
            }
            DeployComparison.Comparison result = comparison.compare(window.service(), before, after, window.from(), window.to());
            List<Row> rows = new ArrayList<>();
            for (DeployComparison.EndpointComparison endpoint : result.endpoints()) {
                rows.add(new Row(endpoint, histogram(latency.latency(window.service(), endpoint.endpoint(), window.from(), window.to(), before),
                        latency.latency(window.service(), endpoint.endpoint(), window.from(), window.to(), after))));
            }
            page.addObject("comparison", result);
            page.addObject("rows", rows);
        } catch (BadSearchException e) {
            page.addObject("error", e.getMessage());
        }
        return page;
    }

    private static List<OverlaidBucket> histogram(LatencyService.Latency before, LatencyService.Latency after) {
        double most = 0;
        for (int i = 0; i < before.buckets().size(); i++) {
            most = Math.max(most, Math.max(before.buckets().get(i).share(), after.buckets().get(i).share()));
        }
        List<OverlaidBucket> buckets = new ArrayList<>();
        double width = 100.0 / before.buckets().size();
        for (int i = 0; i < before.buckets().size(); i++) {
            LatencyService.Bucket was = before.buckets().get(i);
            LatencyService.Bucket now = after.buckets().get(i);
            buckets.add(new OverlaidBucket(was.label(), i * width + 1, width - 2,
                    most == 0 ? 0 : was.share() / most * 100, most == 0 ? 0 : now.share() / most * 100,
                    was.label() + ": before " + was.count() + ", after " + now.count()));
        }
        return buckets;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
