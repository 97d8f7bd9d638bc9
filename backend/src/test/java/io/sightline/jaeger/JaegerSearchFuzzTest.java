package io.sightline.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sightline.web.QueryStrings;
import java.time.Instant;

/**
 * Any query string is either a {@link JaegerSearch} the Jaeger API can run as it is, or an
 * {@link IllegalArgumentException} with a message (Jaeger's 400 envelope): never another
 * exception. The seeds under {@code JaegerSearchFuzzTestInputs/jaegerSearch} are query strings as
 * Grafana and Jaeger's UI send them.
 */
class JaegerSearchFuzzTest {

    /** Epoch nanoseconds, how the engine receives times, must fit 64 bits. */
    private static final Instant EARLIEST = Instant.ofEpochSecond(0, Long.MIN_VALUE);

    private static final Instant LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    @FuzzTest
    void jaegerSearch(byte[] queryString) {
        JaegerSearch search;
        try {
            search = JaegerSearch.parse(QueryStrings.parse(queryString));
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(search.service()).isNotBlank();
        assertThat(search.start()).isBeforeOrEqualTo(search.end()).isAfterOrEqualTo(EARLIEST);
        assertThat(search.end()).isBeforeOrEqualTo(LATEST);
        assertThat(search.limit()).isBetween(1, JaegerSearch.MAX_LIMIT);
        if (search.minDurationNanos() != null) {
            assertThat(search.minDurationNanos()).isNotNegative();
        }
        if (search.maxDurationNanos() != null) {
            assertThat(search.maxDurationNanos()).isNotNegative();
        }
    }
}
