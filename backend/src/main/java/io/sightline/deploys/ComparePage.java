package io.sightline.deploys;

import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The deploy comparison page: for a service and two versions (by default its last two deploys),
 * every endpoint before and after, ranked by regression, the calls that changed (N+1 flagged) and
 * example traces of each side. Each endpoint's overlaid histograms are drawn in the browser from the
 * latency API ({@code compare.ts}).
 */
@Controller
class ComparePage {

    private final DeployComparison comparison;
    private final DeployMarkers deploys;

    ComparePage(DeployComparison comparison, DeployMarkers deploys) {
        this.comparison = comparison;
        this.deploys = deploys;
    }

    @GetMapping("/deploys/compare")
    ModelAndView compare(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("deploys/compare");
        page.addObject("service", request.getParameter("service"));
        try {
            TimeRange window = TimeRange.of(request, "24h");
            String service = Parameters.first(request, "service");
            if (service == null) {
                return page;
            }
            List<DeployMarker> markers = deploys.list(service, window.from(), window.to());
            String before = Parameters.first(request, "before");
            String after = Parameters.first(request, "after");
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
                page.addObject(
                        "error",
                        "Choose the two versions to compare; fewer than two deploys of " + service
                                + " are known in this window.");
                return page;
            }
            DeployComparison.Comparison result = comparison.compare(service, before, after, window.from(), window.to());
            page.addObject("comparison", result);
        } catch (BadParameterException e) {
            page.addObject("error", e.getMessage());
        }
        return page;
    }
}
