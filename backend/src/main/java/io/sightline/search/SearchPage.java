package io.sightline.search;

import io.sightline.markers.DeployWindows;
import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimePicker;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The search page. Its state is its URL: the form submits with GET, and the next-page link is the
 * same URL plus a cursor, so a link reproduces the search exactly.
 */
@Controller
class SearchPage {

    private final TraceSearch search;
    private final DeployWindows deployWindows;

    SearchPage(TraceSearch search, DeployWindows deployWindows) {
        this.search = search;
        this.deployWindows = deployWindows;
    }

    /** A result row with its duration bar, as SVG geometry in a 0–100 space. */
    record Row(TraceSearch.Result result, double barWidth) {}

    @GetMapping("/search")
    ModelAndView search(HttpServletRequest request) {
        Map<String, List<String>> parameters = Parameters.of(request);
        if (Parameters.first(parameters, "deploy") != null) {
            // The form's Deploy box sets the window itself, replacing the one the page carried.
            parameters.keySet().removeAll(List.of("range", "from", "to"));
        }
        boolean timeGiven = Parameters.first(parameters, "from") != null
                || Parameters.first(parameters, "to") != null
                || Parameters.first(parameters, "range") != null
                || Parameters.first(parameters, "deploy") != null;
        if (!timeGiven) {
            parameters.put("range", List.of("1h"));
        }
        ModelAndView page = new ModelAndView("search/search");
        page.addObject("p", new Form(parameters));
        page.addObject(
                "windowKeeps",
                Stream.of("range", "from", "to")
                        .filter(name -> Parameters.first(parameters, name) != null)
                        .map(name -> new TimePicker.Kept(name, Parameters.first(parameters, name)))
                        .toList());
        TimeRange window = null;
        try {
            Instant now = Instant.now();
            DeployWindows.Resolved resolved = deployWindows.resolve(parameters, now);
            page.addObject("deployWindow", resolved.window());
            window = TimeRange.parse(resolved.parameters(), now);
            TraceSearch.Page results = search.search(SearchQuery.parse(resolved.parameters(), now));
            page.addObject(
                    "rows",
                    results.results().stream()
                            .map(result -> new Row(
                                    result,
                                    results.longestMs() <= 0
                                            ? 0
                                            : Math.max(1, result.durationMs() / results.longestMs() * 100)))
                            .toList());
            page.addObject(
                    "next",
                    results.nextCursor() == null
                            ? null
                            : UriComponentsBuilder.fromPath("/search")
                                    .query(request.getQueryString())
                                    .replaceQueryParam("cursor", results.nextCursor())
                                    .build()
                                    .toUriString());
            page.addObject(
                    "percentile",
                    parameters.getOrDefault("abovePercentile", List.of("")).getFirst());
        } catch (BadParameterException e) {
            page.addObject("rows", List.of());
            page.addObject("error", e.getMessage());
        }
        page.addObject("picker", TimePicker.of(request, "1h", window));
        return page;
    }

    /** The submitted values, to fill the form back in. */
    record Form(Map<String, List<String>> values) {
        public String get(String name) {
            List<String> list = values.get(name);
            return list == null || list.isEmpty() ? "" : list.getFirst();
        }

        public List<String> all(String name) {
            List<String> list = new ArrayList<>(values.getOrDefault(name, List.of()));
            list.removeIf(String::isBlank);
            return list;
        }
    }
}
