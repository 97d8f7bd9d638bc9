package io.sightline.deploys;

import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import io.sightline.markers.Deployed;
import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The deploy comparison page: for a service (by default the one deployed last) and two versions (by
 * default its last two, over the time since the earlier was deployed), every endpoint before and
 * after, ranked by regression, the calls that changed (N+1 flagged) and example traces of each side,
 * and for a side without requests why it has none. Each endpoint's overlaid histograms are drawn in
 * the browser from the latency API ({@code compare.ts}).
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
            Instant now = Instant.now();
            String service = Parameters.first(request, "service");
            if (service == null) {
                // Nothing chosen yet: the service deployed last.
                List<DeployMarker> latest = deploys.latest(null, null, 1);
                if (latest.isEmpty()) {
                    page.addObject(
                            "error",
                            "No deploys are known yet: they are detected when spans carry a new service.version,"
                                    + " or posted to POST /api/v1/deploys. Name a service and two versions to compare.");
                    return page;
                }
                service = latest.getFirst().service();
                page.addObject("service", service);
            }
            String before = Parameters.first(request, "before");
            String after = Parameters.first(request, "after");
            TimeRange window = null;
            if (before == null || after == null) {
                List<DeployMarker> lastTwo = lastTwoVersions(service);
                if (after == null && !lastTwo.isEmpty()) {
                    after = lastTwo.getFirst().version();
                }
                if (before == null && lastTwo.size() > 1) {
                    before = lastTwo.get(1).version();
                }
                if (lastTwo.size() > 1 && !windowGiven(request)) {
                    window = sinceEarlier(lastTwo, now);
                    page.addObject(
                            "defaulted",
                            "The last two versions of " + service + ", from the deploy of " + before + " until now.");
                }
            }
            if (window == null) {
                window = TimeRange.of(Parameters.of(request), "24h", now);
            }
            page.addObject("markers", deploys.list(service, window.from(), window.to()));
            page.addObject("before", before);
            page.addObject("after", after);
            if (before == null || after == null) {
                page.addObject(
                        "error",
                        "Choose the two versions to compare; fewer than two deploys of " + service + " are known.");
                return page;
            }
            DeployComparison.Comparison result = comparison.compare(service, before, after, window.from(), window.to());
            page.addObject("missing", missing(result, window));
            page.addObject("comparison", result);
        } catch (BadParameterException e) {
            page.addObject("error", e.getMessage());
        }
        return page;
    }

    /** The newest deploys of the service with distinct versions, newest first, at most two. */
    private List<DeployMarker> lastTwoVersions(String service) {
        List<DeployMarker> versions = new ArrayList<>();
        for (DeployMarker marker : deploys.latest(service, null, 20)) {
            if (versions.stream().noneMatch(m -> m.version().equals(marker.version()))) {
                versions.add(marker);
            }
            if (versions.size() == 2) {
                break;
            }
        }
        return versions;
    }

    private static boolean windowGiven(HttpServletRequest request) {
        return Parameters.first(request, "from") != null
                || Parameters.first(request, "to") != null
                || Parameters.first(request, "range") != null;
    }

    /** From the earlier of the two deploys until now: both versions' time, the last 31 days at most. */
    private static TimeRange sinceEarlier(List<DeployMarker> lastTwo, Instant now) {
        Instant from = lastTwo.get(1).at().isBefore(lastTwo.getFirst().at())
                ? lastTwo.get(1).at()
                : lastTwo.getFirst().at();
        Instant earliest = now.minus(TimeRange.MAX_LENGTH);
        from = from.isBefore(earliest) ? earliest : from;
        return from.isBefore(now) ? new TimeRange(from, now) : new TimeRange(now.minus(Duration.ofHours(24)), now);
    }

    /**
     * For each side without requests in the window, a sentence saying which and why: no deploy of that
     * version is known, or its deploy lies outside the window, or it simply sent no requests then.
     */
    private List<String> missing(DeployComparison.Comparison result, TimeRange window) {
        List<String> missing = new ArrayList<>();
        long before = result.endpoints().stream()
                .mapToLong(e -> e.before().requests())
                .sum();
        long after =
                result.endpoints().stream().mapToLong(e -> e.after().requests()).sum();
        if (before == 0) {
            missing.add(whyNoTraffic("Before", result.service(), result.before(), window));
        }
        if (after == 0) {
            missing.add(whyNoTraffic("After", result.service(), result.after(), window));
        }
        return missing;
    }

    private String whyNoTraffic(String side, String service, String version, TimeRange window) {
        String none = side + ": no requests of " + service + " " + version + " between " + window.from() + " and "
                + window.to() + ". ";
        List<Deployed> deployed = deploys.ofVersion(service, version);
        if (deployed.isEmpty()) {
            return none + "No deploy of that version is known: check the version, or send spans with"
                    + " service.version = " + version + ".";
        }
        Deployed first = deployed.getFirst();
        if (!first.deploy().at().isBefore(window.to())) {
            return none + "It was deployed at " + first.deploy().at() + ", after this window ends.";
        }
        if (first.next() != null && !first.next().at().isAfter(window.from())) {
            return none + "It was replaced by " + first.next().version() + " at "
                    + first.next().at() + ", before this window starts.";
        }
        return none + "It was deployed at " + first.deploy().at() + " but sent no requests in this window.";
    }
}
