package io.sightline.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time window every page and API takes: {@code from} and {@code to} (ISO-8601 or epoch ms;
 * {@code to} defaults to now), or {@code range} such as {@code 15m}, {@code 1h} or {@code 7d} back
 * from now. A window is non-empty and covers at most {@link #MAX_LENGTH}. Deploy windows
 * ({@code deploy=service@version}, {@code range=deploy:last}, {@code range=deploy:previous}) are
 * rewritten into from and to by {@code markers.DeployWindows} before they reach this parser.
 */
public record TimeRange(Instant from, Instant to) {

    public static final Duration MAX_LENGTH = Duration.ofDays(31);
    private static final Pattern RANGE = Pattern.compile("(\\d{1,9})([mhd])");

    /** The request's window; a request without from, to or range covers {@code defaultRange} back from now. */
    public static TimeRange of(HttpServletRequest request, String defaultRange) {
        return of(Parameters.of(request), defaultRange, Instant.now());
    }

    /** The parameters' window; without from, to or range it covers {@code defaultRange} back from {@code now}. */
    public static TimeRange of(Map<String, List<String>> parameters, String defaultRange, Instant now) {
        if (!parameters.containsKey("from") && !parameters.containsKey("to") && !parameters.containsKey("range")) {
            parameters = new HashMap<>(parameters);
            parameters.put("range", List.of(defaultRange));
        }
        return parse(parameters, now);
    }

    public static TimeRange parse(Map<String, List<String>> parameters, Instant now) {
        Instant from;
        Instant to;
        String range = Parameters.first(parameters, "range");
        String fromText = Parameters.first(parameters, "from");
        String toText = Parameters.first(parameters, "to");
        if (fromText != null || toText != null) {
            if (fromText == null) {
                throw new BadParameterException("from", "is required");
            }
            from = Parameters.instant("from", fromText);
            to = toText == null ? now : Parameters.instant("to", toText);
        } else if (range != null) {
            Duration length = length(range);
            to = now;
            from = now.minus(length);
        } else {
            throw new BadParameterException("from", "a time range is required: from and to, or range (such as 1h)");
        }
        return between("from", from, "to", to);
    }

    /**
     * A window given by two parameters, such as one side of a comparison: non-empty and at most
     * {@link #MAX_LENGTH}, or a {@link BadParameterException} naming {@code fromName}.
     */
    public static TimeRange between(String fromName, Instant from, String toName, Instant to) {
        if (!from.isBefore(to)) {
            throw new BadParameterException(fromName, "must be before '" + toName + "'");
        }
        if (Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            throw new BadParameterException(fromName, "to '" + toName + "' covers at most 31 days");
        }
        return new TimeRange(from, to);
    }

    // Nine digits keep every unit's Duration far from overflow; the 31-day limit applies after.
    private static Duration length(String range) {
        Matcher matcher = RANGE.matcher(range);
        if (range.startsWith("deploy:")) {
            // Resolved beforehand (markers.DeployWindows) where a deploy can be looked up; elsewhere not offered.
            throw new BadParameterException(
                    "range",
                    range + " is offered by the overview, endpoint and search pages and the search API;"
                            + " here use a length such as 1h, or from and to");
        }
        if (!matcher.matches()) {
            if (range.matches("\\d+[mhd]")) {
                throw new BadParameterException("range", "covers at most 31 days, such as 7d");
            }
            throw new BadParameterException("range", "use a number and m, h or d, such as 15m, 1h or 7d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration length = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (length.compareTo(MAX_LENGTH) > 0) {
            throw new BadParameterException("range", "covers at most 31 days, such as 7d");
        }
        if (length.isZero()) {
            throw new BadParameterException("range", "must be longer than zero, such as 15m");
        }
        return length;
    }
}
