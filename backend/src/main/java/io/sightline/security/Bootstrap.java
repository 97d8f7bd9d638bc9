package io.sightline.security;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * First start of an empty instance: the default project, its key with every scope and the {@code admin}
 * user. Configured secrets are used as given; otherwise they are generated and printed once — later
 * starts find them stored and print nothing. Runs before the web server opens, so the first
 * request can already use them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class Bootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final Projects projects;
    private final ApiKeys apiKeys;
    private final Users users;
    private final SecurityProperties properties;

    Bootstrap(Projects projects, ApiKeys apiKeys, Users users, SecurityProperties properties) {
        this.projects = projects;
        this.apiKeys = apiKeys;
        this.users = users;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void afterSingletonsInstantiated() {
        long project = projects.ensureDefault();
        String configuredKey = blankToNull(properties.bootstrapApiKey());
        if (configuredKey != null) {
            if (!apiKeys.exists(configuredKey)) {
                apiKeys.issueBootstrap(project, configuredKey);
                log.info("Bootstrap API key from SIGHTLINE_BOOTSTRAP_API_KEY registered for project 'default'");
            }
            // A changed SIGHTLINE_BOOTSTRAP_API_KEY replaces the old key; one revoked by an admin stays revoked.
            int replaced = apiKeys.revokeBootstrap(configuredKey);
            if (replaced > 0) {
                log.warn("SIGHTLINE_BOOTSTRAP_API_KEY changed: {} earlier bootstrap key(s) revoked", replaced);
            }
        } else if (!apiKeys.anyExist()) {
            IssuedKey key = apiKeys.issueBootstrap(project, null);
            printOnce("API key for project 'default' (ingest, read, manage)", key.secret());
        }
        if (!users.anyExist()) {
            String configured = blankToNull(properties.bootstrapAdminPassword());
            String password = configured != null ? configured : randomPassword();
            long admin = users.create("admin", password, Role.ADMIN);
            users.addToProject(admin, project);
            if (configured == null) {
                printOnce("Password of user 'admin'", password);
            }
        }
    }

    private static void printOnce(String what, String secret) {
        log.warn("""

                ==========================================================================
                  {} — shown once, store it now:
                  {}
                ==========================================================================""", what, secret);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
