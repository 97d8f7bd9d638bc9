package io.sightline.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The time picker of every page with a window ({@code layout :: picker}): links to the relative
 * ranges and a from/to form, both keeping the page's other parameters, so the window lives in the
 * URL as {@link TimeRange} reads it. Absolute times are shown and read in UTC, as every page prints
 * times.
 *
 * @param choices the relative ranges, each a link to this page over that range
 * @param from the window's start for the from/to form ({@code 2026-11-24T10:00}), empty without one
 * @param to its end, likewise
 * @param absolute whether the page was asked for from/to rather than a range
 * @param keep the page's other parameters, carried by the from/to form
 * @param query the window as a query string ({@code range=1h}, or {@code from=…&to=…}), for links
 *     to other pages over the same window: {@code @{${'/search?' + picker.query}(service=…)}}
 */
public record TimePicker(
        List<Choice> choices, String from, String to, boolean absolute, List<Kept> keep, String query) {

    /** A value of {@code range} the picker offers and how it is named. */
    public record Option(String range, String label) {}

    /** An option as a link from this page. */
    public record Choice(String label, String href, boolean current) {}

    /** A parameter the from/to form carries as it is. */
    public record Kept(String name, String value) {}

    /**
     * The ranges every picker offers, in order: lengths back from now, then the deploy windows
     * ({@code markers/DeployWindows} turns those into from and to before {@link TimeRange} reads them).
     */
    public static final List<Option> OPTIONS = List.of(
            new Option("15m", "15 min"),
            new Option("1h", "1 hour"),
            new Option("6h", "6 hours"),
            new Option("24h", "24 hours"),
            new Option("7d", "7 days"),
            new Option("30d", "30 days"),
            new Option("deploy:last", "since the last deploy"),
            new Option("deploy:previous", "the deploy before"));

    private static final Set<String> WINDOW = Set.of("range", "from", "to", "cursor");
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    /**
     * The picker for {@code request}, whose window is {@code window} (null when its parameters were
     * refused) and {@code defaultRange} when it names none.
     */
    public static TimePicker of(HttpServletRequest request, String defaultRange, TimeRange window) {
        boolean absolute = Parameters.first(request, "from") != null || Parameters.first(request, "to") != null;
        String range = Parameters.first(request, "range");
        String current = absolute ? null : range == null ? defaultRange : range;
        List<Choice> choices = new ArrayList<>();
        for (Option option : OPTIONS) {
            String href = UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(request.getQueryString())
                    .replaceQueryParam("from")
                    .replaceQueryParam("to")
                    .replaceQueryParam("cursor")
                    .replaceQueryParam("range", option.range())
                    .build()
                    .toUriString();
            choices.add(new Choice(option.label(), href, option.range().equals(current)));
        }
        List<Kept> keep = new ArrayList<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!WINDOW.contains(name)) {
                for (String value : values) {
                    keep.add(new Kept(name, value));
                }
            }
        });
        String query = absolute && window != null
                ? "from=" + window.from() + "&to=" + window.to()
                : "range=" + (current == null ? defaultRange : current);
        return new TimePicker(
                choices,
                window == null ? "" : local(window.from()),
                window == null ? "" : local(window.to()),
                absolute,
                keep,
                query);
    }

    private static String local(Instant instant) {
        return LOCAL.format(instant);
    }
}
