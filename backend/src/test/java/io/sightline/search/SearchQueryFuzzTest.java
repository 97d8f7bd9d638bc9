package io.sightline.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sightline.web.BadParameterException;
import io.sightline.web.QueryStrings;
import io.sightline.web.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Any query string is either a {@link SearchQuery} (and so a {@link TimeRange}) that the queries
 * can use as it is, or a {@link BadParameterException} naming the parameter (a 400): never another
 * exception. The seeds under {@code SearchQueryFuzzTestInputs/searchQuery} are query strings.
 */
class SearchQueryFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    /** Epoch nanoseconds, how the engine receives times, must fit 64 bits. */
    private static final Instant LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    @FuzzTest
    void searchQuery(byte[] queryString) {
        Map<String, List<String>> parameters = QueryStrings.parse(queryString);
        SearchQuery query;
        try {
            query = SearchQuery.parse(parameters, NOW);
        } catch (BadParameterException refused) {
            assertThat(refused.parameter()).isNotBlank();
            assertThat(refused.getMessage()).startsWith("'" + refused.parameter() + "' ");
            return;
        }
        assertThat(query.from()).isBefore(query.to()).isAfterOrEqualTo(Instant.EPOCH);
        assertThat(query.to()).isBeforeOrEqualTo(LATEST);
        assertThat(Duration.between(query.from(), query.to())).isLessThanOrEqualTo(TimeRange.MAX_LENGTH);
        assertThat(query.limit()).isBetween(1, SearchQuery.MAX_LIMIT);
        if (query.httpStatus() != null) {
            assertThat(query.httpStatus()).isBetween(100, 599);
        }
        if (query.httpStatusClass() != null) {
            assertThat(query.httpStatusClass()).isBetween(1, 5);
        }
        for (Double milliseconds : new Double[] {query.minMs(), query.maxMs()}) {
            if (milliseconds != null) {
                assertThat(milliseconds).isFinite().isNotNegative();
            }
        }
        if (query.minMs() != null && query.maxMs() != null) {
            assertThat(query.maxMs()).isGreaterThanOrEqualTo(query.minMs());
        }
        if (query.abovePercentile() != null) {
            assertThat(query.abovePercentile()).isStrictlyBetween(0.0, 100.0);
        }
        query.attributes().forEach(attribute -> assertThat(attribute.key()).isNotBlank());
        if (query.cursor() != null) {
            assertThat(query.cursor().sortValue()).isNotNegative();
            assertThat(query.cursor().spanId()).matches("[0-9a-f]{16}");
        }
    }
}
