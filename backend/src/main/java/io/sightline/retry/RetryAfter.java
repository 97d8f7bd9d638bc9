package io.sightline.retry;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** An HTTP {@code Retry-After} header's wait. */
public final class RetryAfter {

    private RetryAfter() {}

    /** {@code Retry-After} in seconds or as an HTTP date; null when it is neither. */
    public static Duration parse(String value) {
        String text = value.strip();
        try {
            return Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException notSeconds) {
            try {
                return Duration.between(
                        ZonedDateTime.now(), ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
