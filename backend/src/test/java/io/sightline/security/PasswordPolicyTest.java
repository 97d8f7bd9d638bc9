package io.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PasswordPolicyTest {

    @Test
    void refusesShortOverLongBlankAndUserNamePasswords() {
        assertThat(PasswordPolicy.problem("alice", "short-pass")).hasValue("must have at least 12 characters");
        assertThat(PasswordPolicy.problem("alice", "é".repeat(37)))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("must have at most 72 bytes"));
        assertThat(PasswordPolicy.problem("alice", " ".repeat(20))).hasValue("must not be only spaces");
        assertThat(PasswordPolicy.problem("Alice.Long.Name", "alice.long.name")).hasValue("must not be the user name");
        assertThat(PasswordPolicy.problem("alice", "a-long-enough-password")).isEmpty();
    }

    @Test
    void aWeakBootstrapAdminPasswordStopsTheStartWithTheVariableNamed() {
        assertThatThrownBy(() -> new SecurityProperties(null, "admin123", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD must have at least 12 characters");
        assertThatThrownBy(() -> new SecurityProperties(null, "ADMIN", null))
                .hasMessageStartingWith("SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD must");
        assertThat(new SecurityProperties(null, "a-long-enough-password", null).bootstrapAdminPassword())
                .isEqualTo("a-long-enough-password");
        assertThat(new SecurityProperties(null, "", null).bootstrapAdminPassword())
                .isEmpty();
    }

    @Test
    void theApplicationDoesNotStartWithAWeakBootstrapAdminPassword() {
        new ApplicationContextRunner()
                .withUserConfiguration(BindsSecurityProperties.class)
                .withPropertyValues("sightline.security.bootstrap-admin-password=admin")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD must have at least 12 characters"));
    }

    @EnableConfigurationProperties(SecurityProperties.class)
    static class BindsSecurityProperties {}
}
