package io.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** V5 gives bootstrap keys made before the manage scope existed every scope, and leaves other keys alone. */
class ManageScopeMigrationTest {

    @Test
    void earlierBootstrapKeysGetTheManageScope() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/postgres")
                .target("4")
                .load()
                .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO projects (id, name) VALUES (1, 'default')");
        jdbc.update("INSERT INTO api_keys (project_id, name, prefix, secret_hash, scopes, bootstrap)"
                + " VALUES (1, 'bootstrap', 'sl_a', '" + "a".repeat(64) + "', 'INGEST,READ', TRUE)");
        jdbc.update("INSERT INTO api_keys (project_id, name, prefix, secret_hash, scopes, bootstrap)"
                + " VALUES (1, 'grafana', 'sl_b', '" + "b".repeat(64) + "', 'READ', FALSE)");

        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/postgres")
                .load()
                .migrate();

        List<String> scopes = jdbc.queryForList("SELECT scopes FROM api_keys ORDER BY name", String.class);
        assertThat(scopes).containsExactly("INGEST,MANAGE,READ", "READ");
        assertThat(new ScopesConverter().convertToEntityAttribute(scopes.getFirst()))
                .containsExactlyInAnyOrder(Scope.INGEST, Scope.READ, Scope.MANAGE);
    }
}
