package io.sightline.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parsing of request parameters shared by every page and API. Each parse either returns a value the
 * rest of the application can use as it is (in range, finite, storable) or throws
 * {@link BadParameterException} naming the parameter: no input reaches a 500.
 */
public final class Parameters {

    /** The earliest and latest instants accepted: epoch nanoseconds (how ClickHouse receives them) must fit 64 bits. */
    static final Instant EARLIEST = Instant.EPOCH;

    static final Instant LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    // A date and time without an offset, as LocalDateTime reads it.
    private static final Pattern LOCAL_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    private Parameters() {}

    /** A request's query parameters, modifiable. */
    public static Map<String, List<String>> of(HttpServletRequest request) {
        Map<String, List<String>> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        return parameters;
    }

    /** The first value, stripped; blank counts as absent, as an empty form field does. */
    public static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null
                || values.isEmpty()
                || values.getFirst() == null
                || values.getFirst().isBlank()) {
            return null;
        }
        return values.getFirst().strip();
    }

    /** The request's first value of {@code name}, stripped; blank counts as absent. */
    public static String first(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * ISO-8601 ({@code 2026-11-24T10:00:00Z}) or epoch milliseconds, between 1970 and 2262. A time
     * without an offset ({@code 2026-11-24T10:00}, what a {@code datetime-local} field sends) is UTC,
     * the zone every page prints times in.
     */
    public static Instant instant(String name, String text) {
        Instant instant;
        try {
            String value = text.strip();
            if (value.matches("\\d+")) {
                instant = Instant.ofEpochMilli(Long.parseLong(value));
            } else if (LOCAL_TIME.matcher(value).matches()) {
                instant = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } else {
                instant = Instant.parse(value);
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadParameterException(name, "use ISO-8601 (2026-11-24T10:00:00Z) or epoch milliseconds");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw outOfRange(name);
        }
        return instant;
    }

    /** A whole number in [min, max]. */
    public static int wholeNumber(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "must be a whole number from " + min + " to " + max);
        }
    }

    /** A finite number, zero or more ({@code -0} is 0). */
    public static double nonNegative(String name, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            // -0.0 passes ">= 0" but is below 0.0 to Double.compare and prints as "-0.0".
            return value == 0 ? 0 : value;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "must be a non-negative number");
        }
    }

    /** A percentile strictly between 0 and 100. */
    public static double percentile(String name, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (!(value > 0 && value < 100)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, "must be between 0 and 100, such as 99");
        }
    }

    private static BadParameterException outOfRange(String name) {
        return new BadParameterException(name, "is out of range: use a time between 1970 and 2262");
    }
}
