package io.sightline.latency;

import io.sightline.markers.DeployWindows;
import io.sightline.web.BadParameterException;
import io.sightline.web.Formats;
import io.sightline.web.Parameters;
import io.sightline.web.TimePicker;
import io.sightline.web.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The home page: every service's endpoints with volume, error rate and p50/p95/p99; each number opens
 * its search. Its state is its URL: the window, {@code q} (a filter on service and endpoint names),
 * {@code sort} (a column) and {@code order} ({@code asc} or {@code desc}).
 */
@Controller
class OverviewPage {

    /** A sortable column: its {@code sort} value, header, key, and the order a first click gives. */
    enum Column {
        SERVICE("Service", true, Comparator.comparing(EndpointService.EndpointStats::service)),
        ENDPOINT("Endpoint", true, Comparator.comparing(EndpointService.EndpointStats::endpoint)),
        REQUESTS("Requests", false, Comparator.comparingLong(EndpointService.EndpointStats::requests)),
        RATE("Rate", false, Comparator.comparingDouble(EndpointService.EndpointStats::requestsPerMinute)),
        ERRORS("Errors", false, Comparator.comparingLong(EndpointService.EndpointStats::errors)),
        ERROR_RATE("Error rate", false, Comparator.comparingDouble(EndpointService.EndpointStats::errorRate)),
        P50("p50", false, Comparator.comparingDouble(EndpointService.EndpointStats::p50Ms)),
        P95("p95", false, Comparator.comparingDouble(EndpointService.EndpointStats::p95Ms)),
        P99("p99", false, Comparator.comparingDouble(EndpointService.EndpointStats::p99Ms));

        final String header;
        final boolean ascendingFirst;
        final Comparator<EndpointService.EndpointStats> order;

        Column(String header, boolean ascendingFirst, Comparator<EndpointService.EndpointStats> order) {
            this.header = header;
            this.ascendingFirst = ascendingFirst;
            this.order = order;
        }

        String parameter() {
            return name().toLowerCase(Locale.ROOT).replace("_", "-");
        }

        static Column parse(String text) {
            for (Column column : values()) {
                if (column.parameter().equals(text)) {
                    return column;
                }
            }
            throw new BadParameterException(
                    "sort",
                    "use one of "
                            + Arrays.stream(values()).map(Column::parameter).collect(Collectors.joining(", ")));
        }
    }

    /** A column header: the link that sorts by it, and {@code aria-sort}. */
    record Header(String label, String href, String ariaSort) {}

    /** A row with its request sparkline: polyline points in a 100 × 20 box, and what it says. */
    record Row(EndpointService.EndpointStats stats, String sparkline, String sparklineLabel) {}

    private final EndpointService endpoints;
    private final DeployWindows deployWindows;

    OverviewPage(EndpointService endpoints, DeployWindows deployWindows) {
        this.endpoints = endpoints;
        this.deployWindows = deployWindows;
    }

    @GetMapping("/")
    ModelAndView overview(HttpServletRequest request) {
        ModelAndView page = new ModelAndView("latency/overview");
        String filter = Parameters.first(request, "q");
        page.addObject("q", filter == null ? "" : filter);
        page.addObject(
                "filterKeeps",
                Stream.of("range", "from", "to", "sort", "order")
                        .filter(name -> Parameters.first(request, name) != null)
                        .map(name -> new TimePicker.Kept(name, Parameters.first(request, name)))
                        .toList());
        TimeRange window = null;
        try {
            // Across all services here: deploy:last is since the newest deploy of any service.
            Instant now = Instant.now();
            DeployWindows.Resolved resolved = deployWindows.resolve(Parameters.of(request), now);
            page.addObject("deployWindow", resolved.window());
            window = TimeRange.of(resolved.parameters(), "1h", now);
            String sortText = Parameters.first(request, "sort");
            Column sort = sortText == null ? null : Column.parse(sortText);
            boolean ascending = ascending(request, sort);
            page.addObject("headers", headers(request, sort, ascending));
            List<EndpointService.EndpointStats> rows = endpoints.endpoints(window.from(), window.to(), null).stream()
                    .filter(row -> matches(row, filter))
                    .toList();
            if (sort != null) {
                rows = rows.stream()
                        .sorted(ascending ? sort.order : sort.order.reversed())
                        .toList();
            }
            page.addObject("rows", rows.stream().map(OverviewPage::row).toList());
        } catch (BadParameterException e) {
            page.addObject("headers", headers(request, null, true));
            page.addObject("rows", List.of());
            page.addObject("error", e.getMessage());
        }
        page.addObject("picker", TimePicker.of(request, "1h", window));
        return page;
    }

    private static boolean ascending(HttpServletRequest request, Column sort) {
        String order = Parameters.first(request, "order");
        if (order == null) {
            return sort == null || sort.ascendingFirst;
        }
        return switch (order) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new BadParameterException("order", "use asc or desc");
        };
    }

    // A header links to its column sorted its first way, or the other way when it is the current one.
    private static List<Header> headers(HttpServletRequest request, Column sort, boolean ascending) {
        return Arrays.stream(Column.values())
                .map(column -> {
                    boolean current = column == sort;
                    boolean next = current ? !ascending : column.ascendingFirst;
                    String href = UriComponentsBuilder.fromPath("/")
                            .query(request.getQueryString())
                            .replaceQueryParam("sort", column.parameter())
                            .replaceQueryParam("order", next ? "asc" : "desc")
                            .build()
                            .toUriString();
                    return new Header(column.header, href, current ? (ascending ? "ascending" : "descending") : "none");
                })
                .toList();
    }

    private static boolean matches(EndpointService.EndpointStats row, String filter) {
        if (filter == null) {
            return true;
        }
        String wanted = filter.toLowerCase(Locale.ROOT);
        return row.service().toLowerCase(Locale.ROOT).contains(wanted)
                || row.endpoint().toLowerCase(Locale.ROOT).contains(wanted);
    }

    private static Row row(EndpointService.EndpointStats stats) {
        List<Long> series = stats.requestSeries();
        long most = series.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < series.size(); i++) {
            double x = series.size() == 1 ? 50 : i * 100.0 / (series.size() - 1);
            double y = most == 0 ? 19 : 19 - series.get(i) * 18.0 / most;
            points.append(i == 0 ? "" : " ")
                    .append(Math.round(x * 10) / 10.0)
                    .append(',')
                    .append(Math.round(y * 10) / 10.0);
        }
        return new Row(
                stats,
                points.toString(),
                "Requests over the window, " + Formats.count(most, "request") + " in its busiest step");
    }
}
