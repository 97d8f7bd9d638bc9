package io.sightline.web;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How every page and sentence prints a number; {@code frontend/src/ts/format.ts} applies the same
 * rules to numbers the browser renders, and both are pinned by the same examples in their tests.
 * JSON APIs never use it: they give raw numbers (durations in ms as decimals).
 *
 * <ul>
 *   <li>Durations: three significant digits in the unit that fits, never finer than a microsecond
 *       ({@code 891 ms}, {@code 1.20 s}, {@code 12.0 ms}, {@code 37 µs}, {@code 2.50 min}).
 *   <li>Rates: per second from one a second, else per minute; up to three
 *       significant digits without trailing zeros ({@code 12.5/s}, {@code 0.66/min}).
 *   <li>Counts: grouped thousands and the noun in the right number ({@code 1 service},
 *       {@code 1,204 requests}).
 *   <li>Percentages of a 0–1 ratio: whole from 10 %, one decimal below ({@code 78 %}, {@code 2.5 %}).
 * </ul>
 */
public final class Formats {

    private static final MathContext THREE = new MathContext(3, RoundingMode.HALF_UP);

    // Each unit in milliseconds, smallest first after µs, and where the next one takes over.
    private static final double[] UNIT_MS = {1, 1_000, 60_000, 3_600_000};
    private static final String[] UNIT = {"ms", "s", "min", "h"};

    private Formats() {}

    /** A duration given in milliseconds. */
    public static String duration(double ms) {
        if (!Double.isFinite(ms)) {
            return "–";
        }
        if (ms < 0) {
            return "−" + duration(-ms);
        }
        if (ms == 0) {
            return "0 ms";
        }
        long micros = Math.round(ms * 1_000);
        if (micros < 1_000) {
            return micros + " µs";
        }
        for (int i = 0; i < UNIT.length; i++) {
            BigDecimal value = significant(ms / UNIT_MS[i]);
            boolean last = i == UNIT.length - 1;
            if (last || value.doubleValue() < UNIT_MS[i + 1] / UNIT_MS[i]) {
                return value.toPlainString() + " " + UNIT[i];
            }
        }
        throw new AssertionError("the last unit always fits");
    }

    /** A duration given in nanoseconds, as the trace model keeps them. */
    public static String nanos(long nanos) {
        return duration(nanos / 1e6);
    }

    /** Events per second: per second from one a second, per minute below. */
    public static String rate(double perSecond) {
        if (!Double.isFinite(perSecond) || perSecond < 0) {
            return "–";
        }
        if (perSecond == 0) {
            return "0/s";
        }
        if (significant(perSecond).doubleValue() >= 1) {
            return plain(perSecond) + "/s";
        }
        return plain(perSecond * 60) + "/min";
    }

    /** A plain quantity such as calls per request: up to three significant digits ({@code 47}, {@code 1.33}). */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "–";
        }
        if (value < 0) {
            return "−" + number(-value);
        }
        return value == 0 ? "0" : plain(value);
    }

    /** {@code n} and {@code noun}, adding "s" when {@code n} is not one. */
    public static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** {@code n} and the singular or the plural given, such as ("query", "queries"). */
    public static String count(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }

    /** A 0–1 ratio as a percentage. */
    public static String percent(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "–";
        }
        double percent = ratio * 100;
        if (percent == 0) {
            return "0 %";
        }
        if (Math.abs(percent) >= 9.95) {
            return Math.round(percent) + " %";
        }
        return BigDecimal.valueOf(percent).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    // Three significant digits, trailing zeros kept: 1.2 → 1.20, 890.533 → 891, 1234 → 1234.
    private static BigDecimal significant(double value) {
        BigDecimal rounded = new BigDecimal(value).round(THREE);
        if (rounded.precision() < 3) {
            rounded = rounded.setScale(rounded.scale() + 3 - rounded.precision(), RoundingMode.UNNECESSARY);
        }
        return rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded;
    }

    private static String plain(double value) {
        BigDecimal rounded = significant(value).stripTrailingZeros();
        return (rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded).toPlainString();
    }
}
