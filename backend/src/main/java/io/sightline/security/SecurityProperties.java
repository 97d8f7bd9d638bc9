package io.sightline.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sightline.security.*}: first-start credentials. Both are optional; when absent, a secret is
 * generated and printed once in the log.
 *
 * @param bootstrapApiKey becomes the default project's ingest+read key ({@code SIGHTLINE_BOOTSTRAP_API_KEY})
 * @param bootstrapAdminPassword the password of user {@code admin} ({@code SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD});
 *     it obeys the {@link PasswordPolicy} like any other, or the application does not start
 */
@Validated
@ConfigurationProperties("sightline.security")
public record SecurityProperties(String bootstrapApiKey, String bootstrapAdminPassword) {

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
    }
}
