package io.sightline.span;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketsTest {

    @Test
    void aDurationFallsInTheBucketWhoseUpperBoundItIsUnder() {
        assertThat(Buckets.index(0)).isZero();
        assertThat(Buckets.index(9_999_999)).isZero();
        assertThat(Buckets.index(10_000_000)).isEqualTo(1);
        assertThat(Buckets.index(1_999_999_999)).isEqualTo(7);
        assertThat(Buckets.index(2_000_000_000)).isEqualTo(8);
        assertThat(Buckets.COUNT).isEqualTo(9);
    }

    @Test
    void theRollupsCountColumnsAreRenderedFromTheBounds() {
        String counts = Buckets.countsSql("duration_ns");

        assertThat(counts)
                .startsWith("countIf(multiIf(duration_ns < 10000000, 0, duration_ns < 25000000, 1, ")
                .contains("duration_ns < 2000000000, 7, 8) = 0) AS b0, ")
                .endsWith(" = 8) AS b8");
    }

    @Test
    void labelsReadAsMillisecondsAndSeconds() {
        assertThat(Buckets.label(0)).isEqualTo("0–10 ms");
        assertThat(Buckets.label(6)).isEqualTo("500 ms–1 s");
        assertThat(Buckets.label(7)).isEqualTo("1–2 s");
        assertThat(Buckets.label(8)).isEqualTo("2 s+");
    }

    @Test
    void theRollupsCountColumnsAreSummedOneByOne() {
        assertThat(Buckets.sumsSql())
                .isEqualTo("sum(b0) AS b0, sum(b1) AS b1, sum(b2) AS b2, sum(b3) AS b3, sum(b4) AS b4, "
                        + "sum(b5) AS b5, sum(b6) AS b6, sum(b7) AS b7, sum(b8) AS b8");
    }
}
