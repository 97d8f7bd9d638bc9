package io.sightline.deploys;

import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import io.sightline.query.RequestStats;
import io.sightline.query.SpanFilter;
import io.sightline.query.TimeWindow;
import io.sightline.security.ProjectAccess;
import io.sightline.span.Buckets;
import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
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
    private final DeployMarkers deploys;
    private final RequestStats stats;
    private final ProjectAccess projectAccess;

    ComparePage(DeployComparison comparison, DeployMarkers deploys, RequestStats stats, ProjectAccess projectAccess) {
        this.comparison = comparison;
        this.deploys = deploys;
        this.stats = stats;
        this.projectAccess = projectAccess;
    }

    /** One bucket drawn twice, before and after, as shares of each side's requests (0–100 space). */
    record OverlaidBucket(
            String label, double x, double width, double beforeHeight, double afterHeight, String title) {}

    record Row(DeployComparison.EndpointComparison endpoint, List<OverlaidBucket> histogram) {}

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
            SpanFilter requests = SpanFilter.of(
                            projectAccess.readableProjects(), new TimeWindow(window.from(), window.to()))
                    .service(service);
            List<Row> rows = new ArrayList<>();
            for (DeployComparison.EndpointComparison endpoint : result.endpoints()) {
                SpanFilter ofEndpoint = requests.endpoint(endpoint.endpoint());
                rows.add(new Row(
                        endpoint,
                        histogram(
                                stats.buckets(ofEndpoint.version(before)), stats.buckets(ofEndpoint.version(after)))));
            }
            page.addObject("comparison", result);
            page.addObject("rows", rows);
        } catch (BadParameterException e) {
            page.addObject("error", e.getMessage());
        }
        return page;
    }

    /** Bucket counts of each side, drawn as shares of that side's requests. */
    static List<OverlaidBucket> histogram(long[] before, long[] after) {
        double[] wasShare = shares(before);
        double[] nowShare = shares(after);
        double most = 0;
        for (int i = 0; i < Buckets.COUNT; i++) {
            most = Math.max(most, Math.max(wasShare[i], nowShare[i]));
        }
        List<OverlaidBucket> buckets = new ArrayList<>();
        double width = 100.0 / Buckets.COUNT;
        for (int i = 0; i < Buckets.COUNT; i++) {
            String label = Buckets.label(i);
            buckets.add(new OverlaidBucket(
                    label,
                    i * width + 1,
                    width - 2,
                    most == 0 ? 0 : wasShare[i] / most * 100,
                    most == 0 ? 0 : nowShare[i] / most * 100,
                    label + ": before " + before[i] + ", after " + after[i]));
        }
        return buckets;
    }

    // Rounded as the latency API rounds a bucket's share, so the bars match the endpoint page's.
    private static double[] shares(long[] counts) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            shares[i] = total == 0 ? 0 : Math.round(counts[i] * 10_000.0 / total) / 10_000.0;
        }
        return shares;
    }
}
