package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParametersTest {

    /** Found by SearchQueryFuzzTest: {@code minMs=-0} was kept as -0.0, a negative number to every comparison but {@code >=}. */
    @Test
    void negativeZeroIsZero() {
        assertThat(Parameters.nonNegative("minMs", "-0")).isEqualTo(0.0).isNotNegative();
        assertThat(Parameters.nonNegative("minMs", "-0.0e5")).isEqualTo(0.0).isNotNegative();
    }
}
