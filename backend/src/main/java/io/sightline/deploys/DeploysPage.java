package io.sightline.deploys;

import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The deploys home: recent deploys of every readable service, newest first, each with its verdict
 * against the version it replaced and a link to that comparison ({@link RecentDeploys}).
 */
@Controller
class DeploysPage {

    static final List<String> RANGES = List.of("24h", "7d", "31d");

    private final RecentDeploys recent;

    DeploysPage(RecentDeploys recent) {
        this.recent = recent;
    }

    /** A listed deploy with how long ago it was, for people. */
    record Row(RecentDeploys.Row deploy, String ago) {}

    @GetMapping("/deploys")
    ModelAndView deploys(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("deploys/deploys");
        page.addObject("ranges", RANGES);
        String range = Parameters.first(request, "range");
        page.addObject("range", range == null ? "7d" : range);
        String service = Parameters.first(request, "service");
        page.addObject("service", service);
        try {
            Instant now = Instant.now();
            TimeRange window = TimeRange.of(Parameters.of(request), "7d", now);
            page.addObject("window", window);
            page.addObject(
                    "rows",
                    recent.recent(service, window.from(), window.to(), RecentDeploys.MAX_LISTED, now).stream()
                            .map(row -> new Row(row, ago(row.deploy().at(), now)))
                            .toList());
        } catch (BadParameterException e) {
            page.addObject("rows", List.of());
            page.addObject("error", e.getMessage());
        }
        page.addObject("judged", RecentDeploys.JUDGED);
        return page;
    }

    /** "3 min ago", "5 h ago", "2 d ago"; "in the future" for a marker dated after now. */
    static String ago(Instant at, Instant now) {
        Duration since = Duration.between(at, now);
        if (since.isNegative()) {
            return "in the future";
        }
        if (since.toMinutes() < 1) {
            return "just now";
        }
        if (since.toHours() < 1) {
            return since.toMinutes() + " min ago";
        }
        if (since.toDays() < 1) {
            return since.toHours() + " h ago";
        }
        return since.toDays() + " d ago";
    }
}
