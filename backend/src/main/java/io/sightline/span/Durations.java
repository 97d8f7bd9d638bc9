package io.sightline.span;

/** Durations as the API gives them: milliseconds with decimals. Pages and sentences print them with {@code web/Formats}. */
public final class Durations {

    private Durations() {}

    /** Milliseconds with microsecond precision, as every API gives durations. */
    public static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
