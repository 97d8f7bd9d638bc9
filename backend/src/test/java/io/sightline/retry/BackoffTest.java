package io.sightline.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void backoffDoublesFromOneSecondWithJitterUpToTheCapAndHonoursTheReceiver() {
        Backoff low = new Backoff(Duration.ofSeconds(30), () -> 0.0);
        Backoff high = new Backoff(Duration.ofSeconds(30), () -> 0.999);

        assertThat(low.after(1, null)).isEqualTo(Duration.ofMillis(800));
        assertThat(high.after(1, null)).isEqualTo(Duration.ofMillis(1199));
        assertThat(low.after(3, null)).isEqualTo(Duration.ofMillis(3200));
        assertThat(low.after(60, null)).as("capped, no overflow").isEqualTo(Duration.ofSeconds(24));
        assertThat(high.after(60, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(low.after(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(low.after(1, Duration.ofHours(1)))
                .as("Retry-After under the cap")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(low.after(1, Duration.ofSeconds(-5))).isEqualTo(Duration.ZERO);
    }

    @Test
    void aCapUnderOneSecondBoundsEveryWait() {
        Backoff short_ = new Backoff(Duration.ofMillis(50), () -> 0.999);

        assertThat(short_.after(1, null)).isEqualTo(Duration.ofMillis(50));
        assertThat(short_.after(8, null)).isEqualTo(Duration.ofMillis(50));
        assertThat(short_.after(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(RetryAfter.parse(" 30 ")).isEqualTo(Duration.ofSeconds(30));
        String inAMinute =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusMinutes(1));
        assertThat(RetryAfter.parse(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        assertThat(RetryAfter.parse("soon")).isNull();
    }
}
