package io.sightline.alerts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The alerts' clock as tests move it: the system's time until a test {@link #set}s one, then that
 * instant until set again. {@link Config} puts it in place of the application's {@code alertsClock}.
 */
final class MovableClock extends Clock {

    private volatile Instant now;

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        Instant set = now;
        return set == null ? Instant.now() : set;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
