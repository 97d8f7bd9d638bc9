package io.sightline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.web.BadParameterException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void aRangeCountsBackFromNowAndEveryFilterIsRead() {
        SearchQuery query = SearchQuery.parse(
                Map.of(
                        "range",
                        List.of("15m"),
                        "service",
                        List.of("cart"),
                        "httpStatus",
                        List.of("5xx"),
                        "abovePercentile",
                        List.of("99"),
                        "attr",
                        List.of("db.system=postgresql", ""),
                        "sort",
                        List.of("duration"),
                        "status",
                        List.of("error"),
                        "minMs",
                        List.of("12.5")),
                NOW);

        assertThat(query.from()).isEqualTo(NOW.minusSeconds(900));
        assertThat(query.to()).isEqualTo(NOW);
        assertThat(query.httpStatusClass()).isEqualTo(5);
        assertThat(query.httpStatus()).isNull();
        assertThat(query.abovePercentile()).isEqualTo(99.0);
        assertThat(query.attributes()).containsExactly(new SearchQuery.Attribute("db.system", "postgresql"));
        assertThat(query.sort()).isEqualTo(SearchQuery.Sort.DURATION);
        assertThat(query.status()).isEqualTo(SearchQuery.Status.ERROR);
        assertThat(query.minMs()).isEqualTo(12.5);
        assertThat(query.limit()).isEqualTo(SearchQuery.DEFAULT_LIMIT);
    }

    @Test
    void explicitTimesAsIsoOrEpochMillis() {
        SearchQuery query =
                SearchQuery.parse(Map.of("from", List.of("2026-11-24T10:00:00Z"), "to", List.of("1795518000000")), NOW);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-24T11:00:00Z"));
    }

    @Test
    void cursorsRoundTrip() {
        SearchQuery.Cursor cursor = new SearchQuery.Cursor(123, 456, "00f067aa0ba902b7");

        assertThat(SearchQuery.Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void everyBadParameterIsNamed() {
        assertThatThrownBy(() -> SearchQuery.parse(Map.of(), NOW)).hasMessageContaining("time range is required");
        for (Map<String, List<String>> bad : List.of(
                Map.of("range", List.of("soon")),
                Map.of("from", List.of("yesterday")),
                Map.of("from", List.of("2026-11-24T12:00:00Z"), "to", List.of("2026-11-24T11:00:00Z")),
                Map.of("range", List.of("40d")),
                Map.of("range", List.of("1h"), "httpStatus", List.of("700")),
                Map.of("range", List.of("1h"), "abovePercentile", List.of("100")),
                Map.of("range", List.of("1h"), "minMs", List.of("-1")),
                Map.of("range", List.of("1h"), "minMs", List.of("9"), "maxMs", List.of("3")),
                Map.of("range", List.of("1h"), "attr", List.of("novalue")),
                Map.of("range", List.of("1h"), "sort", List.of("random")),
                Map.of("range", List.of("1h"), "status", List.of("maybe")),
                Map.of("range", List.of("1h"), "limit", List.of("100000")),
                Map.of("range", List.of("1h"), "cursor", List.of("garbage")))) {
            assertThatThrownBy(() -> SearchQuery.parse(bad, NOW))
                    .as(bad.toString())
                    .isInstanceOf(BadParameterException.class);
        }
    }

    /** Found by SearchQueryFuzzTest: a key of only spaces (or \u001e) was stripped to "" and searched for. */
    @Test
    void anAttributeConditionNeedsAKey() {
        for (String condition : List.of(" =x", "\u001e=1", "\t=")) {
            assertThatThrownBy(() -> SearchQuery.parse(Map.of("range", List.of("1h"), "attr", List.of(condition)), NOW))
                    .isInstanceOf(BadParameterException.class)
                    .hasMessage("'attr' write attribute conditions as key=value: " + condition);
        }
    }
}
