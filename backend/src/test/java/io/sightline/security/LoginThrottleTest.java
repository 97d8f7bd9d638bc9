package io.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-24T12:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void fiveFailuresLockTheNameForFiveMinutes() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("Alice");
        }
        assertThat(throttle.locked("alice")).isFalse();
        throttle.failed("alice");
        assertThat(throttle.locked("ALICE")).isTrue();
        assertThat(throttle.locked("bob")).isFalse();

        now = now.plus(LoginThrottle.LOCK).plusSeconds(1);
        assertThat(throttle.locked("alice")).isFalse();
    }

    @Test
    void failuresOutsideTheWindowAndSuccessesResetTheCount() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("carol");
        }
        now = now.plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1));
        throttle.failed("carol");
        assertThat(throttle.locked("carol")).isFalse();

        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 2; i++) {
            throttle.failed("carol");
        }
        throttle.succeeded("carol");
        throttle.failed("carol");
        assertThat(throttle.locked("carol")).isFalse();
    }
}
