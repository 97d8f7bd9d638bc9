package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParametersTest {

    /** Found by SearchQueryFuzzTest: {@code minMs=-0} was kept as -0.0, a negative number to every comparison but {@code >=}. */
    @Test
    void negativeZeroIsZero() {
        assertThat(Parameters.nonNegative("minMs", "-0")).isEqualTo(0.0).isNotNegative();
        assertThat(Parameters.nonNegative("minMs", "-0.0e5")).isEqualTo(0.0).isNotNegative();
    }

    /** What a datetime-local field of the time picker sends: a time without an offset, read as UTC. */
    @Test
    void aTimeWithoutAnOffsetIsUtc() {
        assertThat(Parameters.instant("from", "2026-11-24T10:00")).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(Parameters.instant("from", "2026-11-24T10:00:30")).isEqualTo(Instant.parse("2026-11-24T10:00:30Z"));
        assertThatThrownBy(() -> Parameters.instant("from", "2026-13-24T10:00"))
                .isInstanceOf(BadParameterException.class)
                .hasMessageContaining("ISO-8601");
    }
}
