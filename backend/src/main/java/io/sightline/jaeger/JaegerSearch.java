package io.sightline.jaeger;

import io.sightline.web.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jaeger's trace search parameters, parsed and checked: {@code service} (required),
 * {@code operation}, {@code tags} (a JSON object, or repeated {@code tag=key:value}),
 * {@code minDuration}/{@code maxDuration} (Go durations such as {@code 1.2s}, {@code 100ms}),
 * {@code start}/{@code end} (epoch microseconds; without {@code start}, {@code lookback} such as
 * {@code 2h} or {@code 2d} back from {@code end}, else the last hour; at most 31 days) and
 * {@code limit}.
 */
record JaegerSearch(
        String service,
        String operation,
        Map<String, String> tags,
        Long minDurationNanos,
        Long maxDurationNanos,
        Instant start,
        Instant end,
        int limit) {

    /** What Grafana's Jaeger data source and Jaeger's UI send by default (Jaeger's own default is 100). */
    static final int DEFAULT_LIMIT = 20;

    static final int MAX_LIMIT = 1500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DAYS = Pattern.compile("(\\d{1,9})d");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    static JaegerSearch parse(Map<String, List<String>> query) {
        String service = first(query, "service");
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("parameter 'service' is required");
        }
        Instant end = first(query, "end") == null ? Instant.now() : micros(first(query, "end"), "end");
        Instant start = first(query, "start") == null
                ? end.minus(lookback(first(query, "lookback")))
                : micros(first(query, "start"), "start");
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("'start' must not be after 'end'");
        }
        if (Duration.between(start, end).compareTo(TimeRange.MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("'start' to 'end' covers at most 31 days");
        }
        Long min = first(query, "minDuration") == null ? null : goDuration(first(query, "minDuration"), "minDuration");
        Long max = first(query, "maxDuration") == null ? null : goDuration(first(query, "maxDuration"), "maxDuration");
        if (min != null && max != null && max < min) {
            throw new IllegalArgumentException("'maxDuration' must be greater than or equal to 'minDuration'");
        }
        int limit = DEFAULT_LIMIT;
        if (first(query, "limit") != null && !first(query, "limit").isBlank()) {
            try {
                limit = Integer.parseInt(first(query, "limit"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unable to parse param 'limit': " + first(query, "limit"));
            }
            limit = limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
        }
        String operation = first(query, "operation");
        return new JaegerSearch(
                service,
                operation == null || operation.isBlank() ? null : operation,
                tags(query),
                min,
                max,
                start,
                end,
                limit);
    }

    /** Jaeger UI's {@code lookback} ({@code 1h}, {@code 2d}...; {@code custom} means start/end): default 1 h. */
    private static Duration lookback(String text) {
        if (text == null || text.isBlank() || text.equals("custom")) {
            return Duration.ofHours(1);
        }
        Matcher days = DAYS.matcher(text.strip());
        Duration lookback = days.matches()
                ? Duration.ofDays(Long.parseLong(days.group(1)))
                : Duration.ofNanos(goDuration(text, "lookback"));
        if (lookback.compareTo(TimeRange.MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("'lookback' covers at most 31 days, such as 2d");
        }
        return lookback;
    }

    private static Map<String, String> tags(Map<String, List<String>> query) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String json : query.getOrDefault("tags", List.of())) {
            try {
                JSON.readTree(json)
                        .properties()
                        .forEach(entry -> tags.put(
                                entry.getKey(),
                                entry.getValue().isString()
                                        ? entry.getValue().asString()
                                        : entry.getValue().toString()));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(
                        "malformed 'tags' parameter: expected a JSON object such as {\"error\":\"true\"}");
            }
        }
        for (String tag : query.getOrDefault("tag", List.of())) {
            int colon = tag.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed 'tag' parameter, expected key:value: " + tag);
            }
            tags.put(tag.substring(0, colon), tag.substring(colon + 1));
        }
        return tags;
    }

    /**
     * From 1970 to 2262: the engine receives epoch nanoseconds, which must fit 64 bits, and so must
     * a default start an hour before an {@code end} (before 1970 it could fall below 2^-63 ns).
     */
    private static Instant micros(String text, String name) {
        long micros;
        try {
            micros = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            micros = -1;
        }
        if (micros < 0 || micros > Long.MAX_VALUE / 1_000) {
            throw new IllegalArgumentException(
                    "unable to parse param '" + name + "': expected epoch microseconds from 1970 to 2262, got " + text);
        }
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }

    /** Go's time.ParseDuration for the units Jaeger's UI sends, in nanoseconds. */
    static long goDuration(String text, String name) {
        String trimmed = text.strip();
        Matcher matcher = GO_DURATION.matcher(trimmed);
        double nanos = 0;
        int position = 0;
        while (matcher.find() && matcher.start() == position) {
            double value = Double.parseDouble(matcher.group(1));
            nanos += value
                    * switch (matcher.group(2)) {
                        case "ns" -> 1;
                        case "us", "µs" -> 1e3;
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        default -> 3600e9;
                    };
            position = matcher.end();
        }
        if (position == 0 || position != trimmed.length()) {
            throw new IllegalArgumentException(
                    "unable to parse param '" + name + "': not a duration such as 1.2s or 100ms: " + text);
        }
        return Math.round(nanos);
    }

    /** A Jaeger span kind ("server", "CLIENT"...) as the span table's enum names it; 400 for anything else. */
    static String kind(String text) {
        String kind = text.strip().toUpperCase(Locale.ROOT);
        if (kind.isEmpty()) {
            return "UNSPECIFIED";
        }
        if (!Set.of("INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER").contains(kind)) {
            throw new IllegalArgumentException(
                    "unsupported span kind: " + text + " (expected server, client, producer, consumer or internal)");
        }
        return kind;
    }

    /** An OpenTelemetry status code ("ERROR", "ok"...); 400 for anything else. */
    static String statusCode(String text) {
        String code = text.strip().toUpperCase(Locale.ROOT);
        if (!Set.of("UNSET", "OK", "ERROR").contains(code)) {
            throw new IllegalArgumentException(
                    "unsupported otel.status_code: " + text + " (expected OK, ERROR or UNSET)");
        }
        return code;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
