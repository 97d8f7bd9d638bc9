package io.sightline.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sightline.security.*}: first-start credentials and the login throttle. Both credentials are
 * optional; when absent, a secret is generated and printed once in the log.
 *
 * @param bootstrapApiKey becomes the default project's ingest+read key ({@code SIGHTLINE_BOOTSTRAP_API_KEY})
 * @param bootstrapAdminPassword the password of user {@code admin} ({@code SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD});
 *     it obeys the {@link PasswordPolicy} like any other, or the application does not start
 * @param login the limits of {@link LoginThrottle}; {@link Login#DEFAULTS} when not set
 */
@Validated
@ConfigurationProperties("sightline.security")
public record SecurityProperties(
        String bootstrapApiKey,
        String bootstrapAdminPassword,
        @Valid Login login) {

    public SecurityProperties {
        if (bootstrapApiKey != null
                && !bootstrapApiKey.isBlank()
                && bootstrapApiKey.strip().length() < 16) {
            throw new IllegalArgumentException("SIGHTLINE_BOOTSTRAP_API_KEY must be at least 16 characters");
        }
        if (bootstrapAdminPassword != null && !bootstrapAdminPassword.isBlank()) {
            PasswordPolicy.problem("admin", bootstrapAdminPassword.strip()).ifPresent(problem -> {
                throw new IllegalArgumentException("SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD " + problem);
            });
        }
        login = login == null ? Login.DEFAULTS : login;
    }

    /**
     * Wrong passwords counted within {@code window}; reaching a count pauses sign-in for {@code lock}.
     *
     * @param maxFailures per user name from one client address
     * @param maxAddressFailures per client address, whatever the names
     * @param maxNameFailures per user name, from all addresses
     * @param maxTracked entries each count keeps at most (least recently used go first)
     */
    public record Login(
            @Min(1) int maxFailures,
            @Min(1) int maxAddressFailures,
            @Min(1) int maxNameFailures,
            @DurationMin(seconds = 1) Duration window,
            @DurationMin(seconds = 1) Duration lock,
            @Min(100) int maxTracked) {

        public static final Login DEFAULTS =
                new Login(5, 20, 100, Duration.ofMinutes(15), Duration.ofMinutes(5), 10_000);

        public Login {
            window = window == null ? DEFAULTS.window() : window;
            lock = lock == null ? DEFAULTS.lock() : lock;
        }
    }
}
