package io.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The zero-setup default keeps metadata in H2 in PostgreSQL mode with the same migrations; the
 * integration tests run on PostgreSQL, so this proves the SQL also holds on H2.
 */
class EmbeddedMetadataTest {

    private Projects projects;
    private ApiKeys apiKeys;
    private Users users;

    @BeforeEach
    void migrateFreshDatabase() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/postgres")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        projects = new Projects(jdbc, event -> {});
        apiKeys = new ApiKeys(jdbc);
        users = new Users(jdbc, new BCryptPasswordEncoder(4));
    }

    @Test
    void firstStartCreatesDefaultProjectKeyAndAdmin() {
        new Bootstrap(
                        projects,
                        apiKeys,
                        users,
                        new SecurityProperties("sl_h2_bootstrap_key_0123456789", "h2-admin-password", null))
                .afterSingletonsInstantiated();

        long project = projects.defaultProjectId();
        ApiKeyPrincipal key =
                apiKeys.authenticate("sl_h2_bootstrap_key_0123456789").orElseThrow();
        assertThat(key.projectId()).isEqualTo(project);
        assertThat(key.can(Scope.INGEST)).isTrue();
        assertThat(key.can(Scope.READ)).isTrue();
        UserPrincipal admin = users.loadUserByUsername("admin");
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(projects.idsOfMember(admin.id())).containsExactly(project);
    }

    @Test
    void issuedKeysGetDistinctIdsAndOnlyTheirScopes() {
        long project = projects.create("second");
        IssuedKey first = apiKeys.issue(project, "ci", EnumSet.of(Scope.INGEST));
        IssuedKey second = apiKeys.issue(project, "grafana", EnumSet.of(Scope.READ));

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(apiKeys.authenticate(first.secret()).orElseThrow().can(Scope.READ))
                .isFalse();
        assertThat(apiKeys.authenticate(second.secret()).orElseThrow().can(Scope.READ))
                .isTrue();
    }

    @Test
    void aNewBootstrapKeyAtStartRevokesTheOldOneAndAnAdminRevocationSticks() {
        start("sl_first_bootstrap_key_0123456789");
        assertThat(apiKeys.authenticate("sl_first_bootstrap_key_0123456789")).isPresent();

        start("sl_second_bootstrap_key_0123456789");
        assertThat(apiKeys.authenticate("sl_first_bootstrap_key_0123456789")).isEmpty();
        assertThat(apiKeys.authenticate("sl_second_bootstrap_key_0123456789")).isPresent();

        assertThat(apiKeys.revokeBootstrap(null)).isEqualTo(1);
        assertThat(apiKeys.bootstrapLive()).isFalse();
        start("sl_second_bootstrap_key_0123456789");
        assertThat(apiKeys.authenticate("sl_second_bootstrap_key_0123456789")).isEmpty();
    }

    @Test
    void aKeyMerelyNamedBootstrapIsNotTheBootstrapKey() {
        start("sl_first_bootstrap_key_0123456789");
        IssuedKey named = apiKeys.issue(projects.defaultProjectId(), "bootstrap", EnumSet.of(Scope.READ));

        start("sl_second_bootstrap_key_0123456789");
        assertThat(apiKeys.authenticate(named.secret())).isPresent();
    }

    private void start(String bootstrapKey) {
        new Bootstrap(projects, apiKeys, users, new SecurityProperties(bootstrapKey, "h2-admin-password", null))
                .afterSingletonsInstantiated();
    }
}
