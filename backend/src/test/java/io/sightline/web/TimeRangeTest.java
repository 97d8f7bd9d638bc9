package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void aRangeCountsBackFromNowAndFromAndToTakeIsoOrEpochMilliseconds() {
        assertThat(TimeRange.parse(Map.of("range", List.of("15m")), NOW))
                .isEqualTo(new TimeRange(NOW.minusSeconds(900), NOW));
        assertThat(TimeRange.parse(Map.of("range", List.of("31d")), NOW).from())
                .isEqualTo(NOW.minus(Duration.ofDays(31)));
        assertThat(TimeRange.parse(
                        Map.of("from", List.of("2026-11-24T10:00:00Z"), "to", List.of("1795518000000")), NOW))
                .isEqualTo(new TimeRange(Instant.parse("2026-11-24T10:00:00Z"), Instant.ofEpochMilli(1795518000000L)));
        assertThat(TimeRange.parse(Map.of("from", List.of("2026-11-24T10:00:00Z")), NOW)
                        .to())
                .isEqualTo(NOW);
    }

    @Test
    void oversizedNegativeAndGarbageValuesNameTheirParameter() {
        assertBad(Map.of("range", List.of("99999999999999d")), "range", "'range' covers at most 31 days, such as 7d");
        assertBad(Map.of("range", List.of("32d")), "range", "'range' covers at most 31 days, such as 7d");
        assertBad(Map.of("range", List.of("0m")), "range", "'range' must be longer than zero, such as 15m");
        assertBad(
                Map.of("range", List.of("-1h")), "range", "'range' use a number and m, h or d, such as 15m, 1h or 7d");
        assertBad(
                Map.of("range", List.of("soon")), "range", "'range' use a number and m, h or d, such as 15m, 1h or 7d");
        assertBad(
                Map.of("from", List.of("99999999999999999999")),
                "from",
                "'from' use ISO-8601 (2026-11-24T10:00:00Z) or epoch milliseconds");
        assertBad(
                Map.of("from", List.of("9223372036854775807")),
                "from",
                "'from' is out of range: use a time between 1970 and 2262");
        assertBad(
                Map.of("from", List.of("+999999999-12-31T23:59:59Z")),
                "from",
                "'from' is out of range: use a time between 1970 and 2262");
        assertBad(
                Map.of("from", List.of("-5")),
                "from",
                "'from' use ISO-8601 (2026-11-24T10:00:00Z) or epoch milliseconds");
        assertBad(
                Map.of("from", List.of("2026-11-24T10:00:00Z"), "to", List.of("yesterday")),
                "to",
                "'to' use ISO-8601 (2026-11-24T10:00:00Z) or epoch milliseconds");
        assertBad(Map.of("to", List.of("2026-11-24T10:00:00Z")), "from", "'from' is required");
        assertBad(
                Map.of("from", List.of("2026-11-24T10:00:00Z"), "to", List.of("2026-11-24T09:00:00Z")),
                "from",
                "'from' must be before 'to'");
        assertBad(
                Map.of("from", List.of("2026-01-01T00:00:00Z"), "to", List.of("2026-03-01T00:00:00Z")),
                "from",
                "'from' to 'to' covers at most 31 days");
        assertBad(Map.of(), "from", "'from' a time range is required: from and to, or range (such as 1h)");
    }

    @Test
    void numbersAreCheckedForRangeAndFiniteness() {
        assertThat(Parameters.percentile("p", "99.9")).isEqualTo(99.9);
        assertThatThrownBy(() -> Parameters.percentile("p", "NaN"))
                .hasMessage("'p' must be between 0 and 100, such as 99");
        assertThatThrownBy(() -> Parameters.percentile("p", "1e999"))
                .hasMessage("'p' must be between 0 and 100, such as 99");
        assertThatThrownBy(() -> Parameters.nonNegative("minMs", "Infinity"))
                .hasMessage("'minMs' must be a non-negative number");
        assertThatThrownBy(() -> Parameters.nonNegative("minMs", "-1"))
                .hasMessage("'minMs' must be a non-negative number");
        assertThatThrownBy(() -> Parameters.wholeNumber("limit", "99999999999", 1, 500))
                .hasMessage("'limit' must be a whole number from 1 to 500");
    }

    private static void assertBad(Map<String, List<String>> parameters, String parameter, String message) {
        assertThatThrownBy(() -> TimeRange.parse(parameters, NOW))
                .as(parameters.toString())
                .isInstanceOfSatisfying(
                        BadParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo(parameter))
                .hasMessage(message);
    }
}
