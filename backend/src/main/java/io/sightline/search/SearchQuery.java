package io.sightline.search;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request search, parsed and checked from URL parameters (the page and the API take the same):
 * {@code from}/{@code to} (ISO-8601 or epoch ms; or {@code range} such as {@code 15m}, {@code 1h},
 * {@code 7d} back from now), {@code service}, {@code endpoint}, {@code status} ({@code ok} or
 * {@code error}), {@code httpStatus} ({@code 503} or a class like {@code 5xx}), {@code user},
 * {@code minMs}/{@code maxMs}, {@code abovePercentile} (e.g. {@code 99}), {@code version},
 * {@code environment}, any number of {@code attr=key=value}, {@code sort} ({@code time} or
 * {@code duration}), {@code limit} and {@code cursor}.
 */
public record SearchQuery(Instant from, Instant to, String service, String endpoint, Status status, Integer httpStatus,
        Integer httpStatusClass, String user, Double minMs, Double maxMs, Double abovePercentile, String version,
        String environment, List<Attribute> attributes, Sort sort, int limit, Cursor cursor) {

    public enum Status { OK, ERROR }

    public enum Sort { TIME, DURATION }

    public record Attribute(String key, String value) {}

    /** Where the previous page ended: the sort value and the tie-breaking (start, span ID). */
    public record Cursor(long sortValue, long startNanos, String spanId) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((sortValue + ":" + startNanos + ":" + spanId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8).split(":");
                if (parts.length != 3 || !parts[2].matches("[0-9a-f]{16}")) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]);
            } catch (IllegalArgumentException e) {
                throw new BadSearchException("cursor", "not a cursor this search returned");
            }
        }
    }

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final Duration MAX_RANGE = Duration.ofDays(31);
    private static final Pattern RANGE = Pattern.compile("(\\d+)([mhd])");
    private static final Pattern STATUS_CLASS = Pattern.compile("([1-5])xx");

    /** A request's query parameters as {@link #parse} takes them. */
    public static Map<String, List<String>> parameters(jakarta.servlet.http.HttpServletRequest request) {
        Map<String, List<String>> parameters = new java.util.HashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, java.util.Arrays.asList(values)));
        return parameters;
    }

    /** Parses a request's parameters; a request without from, to or range covers {@code defaultRange} back from now. */
    public static SearchQuery parse(jakarta.servlet.http.HttpServletRequest request, String defaultRange) {
        Map<String, List<String>> parameters = parameters(request);
        if (!parameters.containsKey("from") && !parameters.containsKey("to") && !parameters.containsKey("range")) {
            parameters.put("range", List.of(defaultRange));
        }
        return parse(parameters, Instant.now());
    }

    public static SearchQuery parse(Map<String, List<String>> parameters, Instant now) {
        Instant from;
        Instant to;
        String range = first(parameters, "range");
        if (first(parameters, "from") != null || first(parameters, "to") != null) {
            from = instant(parameters, "from");
            to = first(parameters, "to") == null ? now : instant(parameters, "to");
        } else if (range != null) {
            var matcher = RANGE.matcher(range.strip());
            if (!matcher.matches()) {
                throw new BadSearchException("range", "use a number and m, h or d, such as 15m, 1h or 7d");
            }
            long amount = Long.parseLong(matcher.group(1));
            Duration length = switch (matcher.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            to = now;
            from = now.minus(length);
        } else {
            throw new BadSearchException("from", "a time range is required: from and to, or range (such as 1h)");
        }
        if (!from.isBefore(to)) {
            throw new BadSearchException("from", "must be before 'to'");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new BadSearchException("from", "a search covers at most 31 days");
        }
        Integer httpStatus = null;
        Integer httpStatusClass = null;
        String http = first(parameters, "httpStatus");
        if (http != null) {
            var statusClass = STATUS_CLASS.matcher(http.strip().toLowerCase(Locale.ROOT));
            if (statusClass.matches()) {
                httpStatusClass = Integer.parseInt(statusClass.group(1));
            } else {
                httpStatus = integer(http, "httpStatus", 100, 599);
            }
        }
        Double above = decimal(parameters, "abovePercentile");
        if (above != null && (above <= 0 || above >= 100)) {
            throw new BadSearchException("abovePercentile", "must be between 0 and 100, such as 99");
        }
        Double minMs = decimal(parameters, "minMs");
        Double maxMs = decimal(parameters, "maxMs");
        if (minMs != null && maxMs != null && maxMs < minMs) {
            throw new BadSearchException("maxMs", "must not be below minMs");
        }
        List<Attribute> attributes = new ArrayList<>();
        for (String condition : parameters.getOrDefault("attr", List.of())) {
            if (condition.isBlank()) {
                continue;
            }
            int equals = condition.indexOf('=');
            if (equals <= 0) {
                throw new BadSearchException("attr", "write attribute conditions as key=value: " + condition);
            }
            attributes.add(new Attribute(condition.substring(0, equals).strip(), condition.substring(equals + 1)));
        }
        String sortText = first(parameters, "sort");
        Sort sort;
        try {
            sort = sortText == null ? Sort.TIME : Sort.valueOf(sortText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadSearchException("sort", "use time or duration");
        }
        String limitText = first(parameters, "limit");
        int limit = limitText == null ? DEFAULT_LIMIT : integer(limitText, "limit", 1, MAX_LIMIT);
        String statusText = first(parameters, "status");
        Status status;
        try {
            status = statusText == null ? null : Status.valueOf(statusText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadSearchException("status", "use ok or error");
        }
        String cursor = first(parameters, "cursor");
        return new SearchQuery(from, to, first(parameters, "service"), first(parameters, "endpoint"), status, httpStatus,
                httpStatusClass, first(parameters, "user"), minMs, maxMs, above, first(parameters, "version"),
                first(parameters, "environment"), attributes, sort, limit, cursor == null ? null : Cursor.decode(cursor));
    }

    private static Instant instant(Map<String, List<String>> parameters, String name) {
        String text = first(parameters, name);
        if (text == null) {
            throw new BadSearchException(name, "is required");
        }
        try {
            return text.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(text)) : Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadSearchException(name, "use ISO-8601 (2026-11-24T10:00:00Z) or epoch milliseconds");
        }
    }

    private static Double decimal(Map<String, List<String>> parameters, String name) {
        String text = first(parameters, name);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadSearchException(name, "must be a non-negative number");
        }
    }

    private static int integer(String text, String name, int min, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadSearchException(name, "must be a whole number from " + min + " to " + max);
        }
    }

    /** Blank parameters count as absent, as an empty form field does. */
    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.getFirst() == null || values.getFirst().isBlank()) {
            return null;
        }
        return values.getFirst().strip();
    }
}
