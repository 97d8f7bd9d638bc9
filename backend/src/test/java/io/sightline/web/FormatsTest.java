package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The examples issue 11 pins; {@code frontend/src/ts/format.test.ts} pins the same ones. */
class FormatsTest {

    @Test
    void durationsHaveThreeSignificantDigitsInTheUnitThatFits() {
        assertThat(Formats.duration(890.533)).isEqualTo("891 ms");
        assertThat(Formats.duration(910.938)).isEqualTo("911 ms");
        assertThat(Formats.duration(1200.0)).isEqualTo("1.20 s");
        assertThat(Formats.duration(0.037)).isEqualTo("37 µs");
        assertThat(Formats.duration(12)).isEqualTo("12.0 ms");
        assertThat(Formats.duration(3)).isEqualTo("3.00 ms");
        assertThat(Formats.duration(2_000)).isEqualTo("2.00 s");
        assertThat(Formats.duration(940)).isEqualTo("940 ms");
        assertThat(Formats.duration(150_000)).isEqualTo("2.50 min");
        assertThat(Formats.duration(5_400_000)).isEqualTo("1.50 h");
        assertThat(Formats.duration(0)).isEqualTo("0 ms");
        assertThat(Formats.nanos(1_200_000_000L)).isEqualTo("1.20 s");
    }

    @Test
    void roundingUpMovesToTheNextUnit() {
        assertThat(Formats.duration(0.9996)).isEqualTo("1.00 ms");
        assertThat(Formats.duration(999.6)).isEqualTo("1.00 s");
        assertThat(Formats.duration(59_999)).isEqualTo("1.00 min");
    }

    @Test
    void oddValuesPrintSomethingReadable() {
        assertThat(Formats.duration(Double.NaN)).isEqualTo("–");
        assertThat(Formats.duration(-12)).isEqualTo("−12.0 ms");
        assertThat(Formats.rate(Double.POSITIVE_INFINITY)).isEqualTo("–");
    }

    @Test
    void ratesArePerSecondOrPerMinuteAsFits() {
        assertThat(Formats.rate(0.011)).isEqualTo("0.66/min");
        assertThat(Formats.rate(12.5)).isEqualTo("12.5/s");
        assertThat(Formats.rate(3)).isEqualTo("3/s");
        assertThat(Formats.rate(1234.5)).isEqualTo("1230/s");
        assertThat(Formats.rate(0.0001)).isEqualTo("0.006/min");
        assertThat(Formats.rate(0)).isEqualTo("0/s");
    }

    @Test
    void quantitiesHaveUpToThreeSignificantDigits() {
        assertThat(Formats.number(47)).isEqualTo("47");
        assertThat(Formats.number(4.0 / 3)).isEqualTo("1.33");
        assertThat(Formats.number(0)).isEqualTo("0");
    }

    @Test
    void countsNameTheirNounInTheRightNumber() {
        assertThat(Formats.count(1, "service")).isEqualTo("1 service");
        assertThat(Formats.count(2, "service")).isEqualTo("2 services");
        assertThat(Formats.count(0, "request")).isEqualTo("0 requests");
        assertThat(Formats.count(1204, "request")).isEqualTo("1,204 requests");
        assertThat(Formats.count(3, "query", "queries")).isEqualTo("3 queries");
    }

    @Test
    void percentagesAreWholeFromTenPercent() {
        assertThat(Formats.percent(0.78)).isEqualTo("78 %");
        assertThat(Formats.percent(0.12)).isEqualTo("12 %");
        assertThat(Formats.percent(0.025)).isEqualTo("2.5 %");
        assertThat(Formats.percent(0)).isEqualTo("0 %");
        assertThat(Formats.percent(1)).isEqualTo("100 %");
    }
}
