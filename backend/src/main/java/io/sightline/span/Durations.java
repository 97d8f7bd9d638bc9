package io.sightline.span;

import java.util.Locale;

/** Durations as the API gives them (milliseconds with decimals) and as sentences say them. */
public final class Durations {

    private Durations() {}

    /** Milliseconds with microsecond precision, as every API gives durations. */
    public static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    /** "940 ms", "1.2 s", "85 µs". */
    public static String human(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f s", nanos / 1e9).replace(".0 s", " s");
        }
        if (nanos >= 1_000_000L) {
            return Math.round(nanos / 1e6) + " ms";
        }
        return Math.round(nanos / 1e3) + " µs";
    }
}
