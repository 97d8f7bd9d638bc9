package io.sightline.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The wait before a delivery's next attempt, as the OTel SDK retries: exponential from one second,
 * doubling per attempt, with ±20 % jitter so many instances do not retry in step, and capped. A
 * receiver's own {@code Retry-After} (or gRPC {@code RetryInfo}) wins, under the same cap. Shared by
 * span forwarding and alert webhooks.
 */
public record Backoff(Duration max, DoubleSupplier random) {

    static final Duration INITIAL = Duration.ofSeconds(1);

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (≥ 1) failed attempts. */
    public Duration after(int attempt, Duration asked) {
        if (asked != null) {
            return asked.isNegative() ? Duration.ZERO : min(asked, max);
        }
        Duration exponential = INITIAL.multipliedBy(1L << Math.min(attempt - 1, 20));
        long jittered = (long) (min(exponential, max).toMillis() * (0.8 + 0.4 * random.getAsDouble()));
        return min(Duration.ofMillis(jittered), max);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
