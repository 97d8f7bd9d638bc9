package io.sightline.search;

import io.sightline.query.SpanFilter;
import io.sightline.query.TimeWindow;
import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request search, parsed and checked from URL parameters (the page and the API take the same):
 * the window ({@link TimeRange}), {@code service}, {@code endpoint}, {@code status} ({@code ok} or
 * {@code error}), {@code httpStatus} ({@code 503} or a class like {@code 5xx}), {@code user},
 * {@code minMs}/{@code maxMs}, {@code abovePercentile} (e.g. {@code 99}), {@code version},
 * {@code environment}, any number of {@code attr=key=value}, {@code sort} ({@code time} or
 * {@code duration}), {@code limit} and {@code cursor}.
 */
public record SearchQuery(
        Instant from,
        Instant to,
        String service,
        String endpoint,
        Status status,
        Integer httpStatus,
        Integer httpStatusClass,
        String user,
        Double minMs,
        Double maxMs,
        Double abovePercentile,
        String version,
        String environment,
        List<Attribute> attributes,
        Sort sort,
        int limit,
        Cursor cursor) {

    public enum Status {
        OK,
        ERROR
    }

    public enum Sort {
        TIME,
        DURATION
    }

    public record Attribute(String key, String value) {}

    /** Where the previous page ended: the sort value and the tie-breaking (start, span ID). */
    public record Cursor(long sortValue, long startNanos, String spanId) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((sortValue + ":" + startNanos + ":" + spanId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
                if (parts.length != 3 || !parts[2].matches("[0-9a-f]{16}")) {
                    throw new IllegalArgumentException();
                }
                long sortValue = Long.parseLong(parts[0]);
                if (sortValue < 0) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(sortValue, Long.parseLong(parts[1]), parts[2]);
            } catch (IllegalArgumentException e) {
                throw new BadParameterException("cursor", "not a cursor this search returned");
            }
        }
    }

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern STATUS_CLASS = Pattern.compile("([1-5])xx");

    /** The requests this search's window and labels select (before its other filters): what "above pXX" ranks. */
    public SpanFilter requests(Set<Long> projects) {
        return SpanFilter.of(projects, new TimeWindow(from, to))
                .service(service)
                .endpoint(endpoint)
                .version(version)
                .environment(environment);
    }

    public static SearchQuery parse(Map<String, List<String>> parameters, Instant now) {
        TimeRange window = TimeRange.parse(parameters, now);
        Integer httpStatus = null;
        Integer httpStatusClass = null;
        String http = first(parameters, "httpStatus");
        if (http != null) {
            var statusClass = STATUS_CLASS.matcher(http.strip().toLowerCase(Locale.ROOT));
            if (statusClass.matches()) {
                httpStatusClass = Integer.parseInt(statusClass.group(1));
            } else {
                httpStatus = Parameters.wholeNumber("httpStatus", http, 100, 599);
            }
        }
        String aboveText = first(parameters, "abovePercentile");
        Double above = aboveText == null ? null : Parameters.percentile("abovePercentile", aboveText);
        Double minMs = decimal(parameters, "minMs");
        Double maxMs = decimal(parameters, "maxMs");
        if (minMs != null && maxMs != null && maxMs < minMs) {
            throw new BadParameterException("maxMs", "must not be below minMs");
        }
        List<Attribute> attributes = new ArrayList<>();
        for (String condition : parameters.getOrDefault("attr", List.of())) {
            if (condition.isBlank()) {
                continue;
            }
            int equals = condition.indexOf('=');
            String key = equals < 0 ? "" : condition.substring(0, equals).strip();
            if (key.isEmpty()) {
                throw new BadParameterException("attr", "write attribute conditions as key=value: " + condition);
            }
            attributes.add(new Attribute(key, condition.substring(equals + 1)));
        }
        String sortText = first(parameters, "sort");
        Sort sort;
        try {
            sort = sortText == null ? Sort.TIME : Sort.valueOf(sortText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("sort", "use time or duration");
        }
        String limitText = first(parameters, "limit");
        int limit = limitText == null ? DEFAULT_LIMIT : Parameters.wholeNumber("limit", limitText, 1, MAX_LIMIT);
        String statusText = first(parameters, "status");
        Status status;
        try {
            status = statusText == null
                    ? null
                    : Status.valueOf(statusText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("status", "use ok or error");
        }
        String cursor = first(parameters, "cursor");
        return new SearchQuery(
                window.from(),
                window.to(),
                first(parameters, "service"),
                first(parameters, "endpoint"),
                status,
                httpStatus,
                httpStatusClass,
                first(parameters, "user"),
                minMs,
                maxMs,
                above,
                first(parameters, "version"),
                first(parameters, "environment"),
                attributes,
                sort,
                limit,
                cursor == null ? null : Cursor.decode(cursor));
    }

    private static Double decimal(Map<String, List<String>> parameters, String name) {
        String text = first(parameters, name);
        if (text == null) {
            return null;
        }
        return text == null ? null : Parameters.nonNegative(name, text);
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        return Parameters.first(parameters, name);
    }
}
