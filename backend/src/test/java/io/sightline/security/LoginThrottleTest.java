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
    private static final SecurityProperties.Login LIMITS = SecurityProperties.Login.DEFAULTS;

    private final LoginThrottle throttle = new LoginThrottle(LIMITS, new Clock() {
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

    private static final String HOME = "203.0.113.1";
    private static final String ELSEWHERE = "198.51.100.7";

    @Test
    void fiveFailuresLockTheNameFromThatAddressForFiveMinutes() {
        for (int i = 0; i < LIMITS.maxFailures() - 1; i++) {
            throttle.failed("Alice", HOME);
        }
        assertThat(throttle.locked("alice", HOME)).isFalse();
        throttle.failed("alice", HOME);
        assertThat(throttle.locked("ALICE", HOME)).isTrue();
        assertThat(throttle.locked("bob", HOME)).isFalse();

        now = now.plus(LIMITS.lock()).plusSeconds(1);
        assertThat(throttle.locked("alice", HOME)).isFalse();
    }

    @Test
    void aNameLockedFromOneAddressStaysOpenFromAnother() {
        for (int i = 0; i < LIMITS.maxFailures(); i++) {
            throttle.failed("admin", HOME);
        }
        assertThat(throttle.locked("admin", HOME)).isTrue();
        assertThat(throttle.locked("admin", ELSEWHERE)).isFalse();
    }

    @Test
    void onePasswordSprayedOverManyNamesLocksTheAddress() {
        for (int i = 0; i < LIMITS.maxAddressFailures(); i++) {
            assertThat(throttle.locked("user" + i, HOME)).isFalse();
            throttle.failed("user" + i, HOME);
        }
        assertThat(throttle.locked("someone-new", HOME)).isTrue();
        assertThat(throttle.locked("someone-new", ELSEWHERE)).isFalse();
    }

    @Test
    void oneNameGuessedFromManyAddressesHitsTheNameCeiling() {
        for (int i = 0; i < LIMITS.maxNameFailures(); i++) {
            throttle.failed("admin", "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.locked("admin", ELSEWHERE)).isTrue();
        assertThat(throttle.locked("alice", ELSEWHERE)).isFalse();
    }

    @Test
    void ipv6ClientsCountPerSlash64() {
        for (int i = 0; i < LIMITS.maxAddressFailures(); i++) {
            throttle.failed("user" + i, "2001:db8:0:1::" + Integer.toHexString(i + 1));
        }
        assertThat(throttle.locked("someone-new", "2001:db8:0:1:ffff::9")).isTrue();
        assertThat(throttle.locked("someone-new", "2001:db8:0:2::1")).isFalse();
    }

    @Test
    void aFloodOfDistinctNamesHoldsAtMostTheCapacity() {
        String longName = "x".repeat(LoginThrottle.MAX_USERNAME - 10);
        for (int i = 0; i < LIMITS.maxTracked() * 5; i++) {
            throttle.failed(longName + i, "10.1." + (i % 200) + ".1");
        }
        // name-and-address and name counts are full; 200 addresses
        assertThat(throttle.tracked()).isEqualTo(2 * LIMITS.maxTracked() + 200);
    }

    @Test
    void namesOverTheLimitAreRefusedUnread() {
        assertThat(LoginThrottle.acceptable("a".repeat(LoginThrottle.MAX_USERNAME)))
                .isTrue();
        assertThat(LoginThrottle.acceptable("a".repeat(LoginThrottle.MAX_USERNAME + 1)))
                .isFalse();
        assertThat(LoginThrottle.acceptable(null)).isTrue();
    }

    @Test
    void failuresOutsideTheWindowAndSuccessesResetTheCount() {
        for (int i = 0; i < LIMITS.maxFailures() - 1; i++) {
            throttle.failed("carol", HOME);
        }
        now = now.plus(LIMITS.window()).plus(Duration.ofSeconds(1));
        throttle.failed("carol", HOME);
        assertThat(throttle.locked("carol", HOME)).isFalse();

        for (int i = 0; i < LIMITS.maxFailures() - 2; i++) {
            throttle.failed("carol", HOME);
        }
        throttle.succeeded("carol", HOME);
        throttle.failed("carol", HOME);
        assertThat(throttle.locked("carol", HOME)).isFalse();
    }
}
