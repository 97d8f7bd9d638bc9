package io.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sightline.MetadataConfiguration;
import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import io.sightline.markers.Deployed;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The metadata layer (entities, repositories and the services over them) against a real database,
 * with the application's own JPA settings ({@code ddl-auto=validate}: the context starts only when
 * every entity matches the Flyway schema). {@link EmbeddedMetadataTest} runs it on H2 in PostgreSQL
 * mode (the zero-setup default), {@link PostgresMetadataIT} on PostgreSQL; each test class has a
 * database of its own, emptied before each test.
 */
@SpringBootTest(
        classes = MetadataContract.Slice.class,
        properties = "spring.jpa.properties.hibernate.generate_statistics=true")
abstract class MetadataContract {

    /** Only the metadata store and the services over it; no web, no ClickHouse. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackages = "io.sightline")
    @ImportAutoConfiguration({
        DataSourceAutoConfiguration.class,
        FlywayAutoConfiguration.class,
        HibernateJpaAutoConfiguration.class,
        DataJpaRepositoriesAutoConfiguration.class,
        TransactionAutoConfiguration.class
    })
    @Import({MetadataConfiguration.class, Projects.class, Users.class, ApiKeys.class, DeployMarkers.class})
    static class Slice {

        @Bean
        PasswordEncoder passwordEncoder() {
            return new BCryptPasswordEncoder(4);
        }

        @Bean
        Readable projectAccess() {
            return new Readable();
        }
    }

    /** The caller's readable projects, as a test sets them. */
    static class Readable implements ProjectAccess {

        volatile Set<Long> projects = Set.of();

        @Override
        public Set<Long> readableProjects() {
            return projects;
        }

        @Override
        public Set<Long> manageableProjects() {
            return Set.of();
        }

        @Override
        public boolean readsInstance() {
            return false;
        }

        @Override
        public long ingestProject() {
            throw new UnsupportedOperationException();
        }
    }

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @Autowired
    Projects projects;

    @Autowired
    Users users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    DeployMarkers markers;

    @Autowired
    Readable readable;

    @Autowired
    ProjectRepository projectRepository;

    @Autowired
    UserRepository userRepository;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @BeforeEach
    void emptyDatabase() {
        // ON DELETE CASCADE takes keys, memberships and deploys with their projects and users.
        projectRepository.deleteAllInBatch();
        userRepository.deleteAllInBatch();
    }

    @Autowired
    Flyway flyway;

    @Value("${spring.jpa.hibernate.ddl-auto}")
    String ddlAuto;

    /** The context started, so Hibernate found every entity matching the tables Flyway made. */
    @Test
    void flywayOwnsTheSchemaAndHibernateOnlyValidatesIt() {
        assertThat(ddlAuto).isEqualTo("validate");
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().applied()).isNotEmpty();
    }

    // --- Bootstrap: the first start and later ones ---

    @Test
    void firstStartCreatesDefaultProjectKeyAndAdmin() {
        String secret = secret("bootstrap");
        start(secret);

        long project = projects.defaultProjectId();
        ApiKeyPrincipal key = apiKeys.authenticate(secret).orElseThrow();
        assertThat(key.projectId()).isEqualTo(project);
        assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.READ, Scope.MANAGE);
        UserPrincipal admin = users.loadUserByUsername("admin");
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(users.passwordMatches(admin, "metadata-admin-password")).isTrue();
        assertThat(projects.idsOfMember(admin.id())).containsExactly(project);
        assertThat(apiKeys.bootstrapLive()).isTrue();

        start(secret);
        assertThat(projects.allIds()).containsExactly(project);
        assertThat(users.list()).extracting(Users.UserInfo::username).containsExactly("admin");
        assertThat(apiKeys.list(Set.of(project))).hasSize(1);
    }

    @Test
    void withoutAConfiguredKeyTheFirstStartGeneratesOneAndLaterStartsNone() {
        start(null);
        long project = projects.defaultProjectId();
        assertThat(apiKeys.list(Set.of(project)))
                .singleElement()
                .satisfies(key -> assertThat(key.name()).isEqualTo("bootstrap"));

        start(null);
        assertThat(apiKeys.list(Set.of(project))).hasSize(1);
    }

    @Test
    void aNewBootstrapKeyAtStartRevokesTheOldOneAndAnAdminRevocationSticks() {
        String first = secret("first");
        String second = secret("second");
        start(first);
        assertThat(apiKeys.authenticate(first)).isPresent();

        start(second);
        assertThat(apiKeys.authenticate(first)).isEmpty();
        assertThat(apiKeys.authenticate(second)).isPresent();

        assertThat(apiKeys.revokeBootstrap(null)).isEqualTo(1);
        assertThat(apiKeys.bootstrapLive()).isFalse();
        assertThat(apiKeys.revokeBootstrap(null)).isZero();
        start(second);
        assertThat(apiKeys.authenticate(second)).isEmpty();
        assertThat(apiKeys.bootstrapLive()).isFalse();
    }

    @Test
    void aKeyMerelyNamedBootstrapIsNotTheBootstrapKey() {
        start(secret("first"));
        IssuedKey named = apiKeys.issue(projects.defaultProjectId(), "bootstrap", EnumSet.of(Scope.READ));

        start(secret("second"));
        assertThat(apiKeys.authenticate(named.secret())).isPresent();
    }

    // --- API keys ---

    @Test
    void issuedKeysGetDistinctIdsAndOnlyTheirScopes() {
        long project = projects.create(name("keys"));
        IssuedKey first = apiKeys.issue(project, "ci", EnumSet.of(Scope.INGEST));
        IssuedKey second = apiKeys.issue(project, "grafana", EnumSet.of(Scope.READ, Scope.INGEST));

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(apiKeys.authenticate(first.secret()).orElseThrow().scopes()).containsExactly(Scope.INGEST);
        assertThat(apiKeys.authenticate(second.secret()).orElseThrow().scopes())
                .containsExactlyInAnyOrder(Scope.INGEST, Scope.READ);
        assertThat(apiKeys.exists(first.secret())).isTrue();
        assertThat(apiKeys.exists(first.secret() + "x")).isFalse();
        assertThat(apiKeys.authenticate(first.secret() + "x")).isEmpty();
        assertThat(apiKeys.projectOf(first.id())).contains(project);
        assertThat(apiKeys.projectOf(-1)).isEmpty();
        assertThatThrownBy(() -> apiKeys.issue(project, "none", EnumSet.noneOf(Scope.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an API key needs at least one scope");
    }

    @Test
    void keysAreListedNewestFirstWithTheirProjectNameAndNeverTheirSecret() {
        String name = name("listed");
        long project = projects.create(name);
        long other = projects.create(name("other"));
        IssuedKey older = apiKeys.issue(project, "older", EnumSet.of(Scope.INGEST));
        IssuedKey newer = apiKeys.issue(project, "newer", EnumSet.of(Scope.READ));
        apiKeys.issue(other, "elsewhere", EnumSet.of(Scope.READ));

        List<ApiKeys.KeyInfo> keys = apiKeys.list(Set.of(project));
        assertThat(keys).extracting(ApiKeys.KeyInfo::id).containsExactly(newer.id(), older.id());
        ApiKeys.KeyInfo key = keys.getLast();
        assertThat(key.projectId()).isEqualTo(project);
        assertThat(key.projectName()).isEqualTo(name);
        assertThat(key.name()).isEqualTo("older");
        assertThat(key.prefix()).isEqualTo(older.secret().substring(0, 8));
        assertThat(key.scopes()).containsExactly(Scope.INGEST);
        assertThat(key.createdAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(key.lastUsedAt()).isNull();
        assertThat(key.revokedAt()).isNull();
        assertThat(apiKeys.list(Set.of())).isEmpty();
    }

    @Test
    void aRevokedKeyStopsAtOnceAndKeepsItsRevocationTime() {
        long project = projects.create(name("revoked"));
        IssuedKey key = apiKeys.issue(project, "gone", EnumSet.of(Scope.INGEST));
        assertThat(apiKeys.authenticate(key.secret())).isPresent();

        apiKeys.revoke(key.id());
        assertThat(apiKeys.authenticate(key.secret())).isEmpty();
        Instant revokedAt = apiKeys.list(Set.of(project)).getFirst().revokedAt();
        assertThat(revokedAt).isNotNull();

        apiKeys.revoke(key.id());
        assertThat(apiKeys.list(Set.of(project)).getFirst().revokedAt()).isEqualTo(revokedAt);
    }

    /** Ingest authenticates every request: a remembered key costs no statement, a new one a lookup and a touch. */
    @Test
    void authenticatingARememberedKeyRunsNoStatement() {
        long project = projects.create(name("hot"));
        IssuedKey key = apiKeys.issue(project, "exporter", EnumSet.of(Scope.INGEST));
        Statistics statistics =
                entityManagerFactory.unwrap(SessionFactory.class).getStatistics();

        statistics.clear();
        assertThat(apiKeys.authenticate(key.secret())).isPresent();
        // The SELECT by hash (api_keys alone, its project not loaded) and the last_used_at UPDATE.
        assertThat(statistics.getPrepareStatementCount()).isEqualTo(2);
        assertThat(statistics.getEntityLoadCount()).isEqualTo(1);

        statistics.clear();
        for (int i = 0; i < 100; i++) {
            assertThat(apiKeys.authenticate(key.secret())).isPresent();
        }
        assertThat(statistics.getPrepareStatementCount()).isZero();
        assertThat(apiKeys.list(Set.of(project)).getFirst().lastUsedAt()).isNotNull();
    }

    // --- Projects ---

    @Test
    void projectNamesAreUniqueAndQuotasAreTheirOwn() {
        String name = name("quota");
        long project = projects.create(name);
        assertThat(projects.idOf(name)).contains(project);
        assertThat(projects.idOf(name("missing"))).isEmpty();
        assertThatThrownBy(() -> projects.create(name)).isInstanceOf(DuplicateKeyException.class);

        assertThat(projects.ingestSpansPerSecond(project)).isEmpty();
        assertThat(projects.setIngestSpansPerSecond(project, 500L)).isTrue();
        assertThat(projects.ingestSpansPerSecond(project)).hasValue(500);
        assertThat(projects.setIngestSpansPerSecond(project, 0L)).isTrue();
        assertThat(projects.ingestSpansPerSecond(project)).hasValue(0);
        assertThat(projects.setIngestSpansPerSecond(project, null)).isTrue();
        assertThat(projects.ingestSpansPerSecond(project)).isEmpty();
        assertThat(projects.setIngestSpansPerSecond(-1, 5L)).isFalse();
        assertThat(projects.ingestSpansPerSecond(-1)).isEmpty();
    }

    @Test
    void projectsAreListedByNameWithTheirMembersByName() {
        long beta = projects.create("beta");
        long alpha = projects.create("alpha");
        long empty = projects.create("gamma");
        long zoe = users.create("zoe", "zoe-password-1", Role.MEMBER);
        long adam = users.create("adam", "adam-password-1", Role.VIEWER);
        users.addToProject(zoe, alpha);
        users.addToProject(adam, alpha);
        users.addToProject(zoe, beta);
        projects.setIngestSpansPerSecond(beta, 10L);

        assertThat(projects.list(Set.of(alpha, beta, empty)))
                .containsExactly(
                        new Projects.ProjectInfo(
                                alpha,
                                "alpha",
                                List.of(new Projects.Member(adam, "adam"), new Projects.Member(zoe, "zoe")),
                                null),
                        new Projects.ProjectInfo(beta, "beta", List.of(new Projects.Member(zoe, "zoe")), 10L),
                        new Projects.ProjectInfo(empty, "gamma", List.of(), null));
        assertThat(projects.namesOf(Set.of(beta, alpha))).containsExactly("alpha", "beta");
        assertThat(projects.namesOf(Set.of())).isEmpty();
        assertThat(projects.list(Set.of())).isEmpty();
        assertThat(projects.allIds()).containsExactlyInAnyOrder(alpha, beta, empty);
    }

    // --- Users and memberships ---

    @Test
    void userNamesAreUniqueAndRolesAndPasswordsChange() {
        long id = users.create("carol", "carol-password-1", Role.MEMBER);
        assertThatThrownBy(() -> users.create("carol", "another-password-1", Role.VIEWER))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(users.idOf("carol")).contains(id);
        assertThat(users.anyExist()).isTrue();

        assertThat(users.changeRole(id, Role.VIEWER)).isTrue();
        assertThat(users.changeRole(-1, Role.VIEWER)).isFalse();
        assertThat(users.find(id).orElseThrow().role()).isEqualTo(Role.VIEWER);
        assertThat(users.list()).containsExactly(new Users.UserInfo(id, "carol", Role.VIEWER));

        assertThat(users.setPassword(id, "carol", "carol-password-2")).isTrue();
        assertThat(users.setPassword(-1, "nobody", "carol-password-2")).isFalse();
        UserPrincipal carol = users.loadUserByUsername("carol");
        assertThat(users.passwordMatches(carol, "carol-password-2")).isTrue();
        assertThat(users.passwordMatches(carol, "carol-password-1")).isFalse();
        assertThatThrownBy(() -> users.loadUserByUsername("nobody")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void membershipsAreAddedOnceAndGoWithTheirUserOrProject() {
        long project = projects.create(name("team"));
        long other = projects.create(name("other"));
        long dave = users.create("dave", "dave-password-1", Role.MEMBER);
        long erin = users.create("erin", "erin-password-1", Role.MEMBER);
        users.addToProject(dave, project);
        users.addToProject(dave, other);
        users.addToProject(erin, project);

        assertThatThrownBy(() -> users.addToProject(dave, project)).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> users.addToProject(dave, -1))
                .isInstanceOf(DataIntegrityViolationException.class)
                .isNotInstanceOf(DuplicateKeyException.class);
        assertThat(projects.idsOfMember(dave)).containsExactlyInAnyOrder(project, other);

        assertThat(users.removeFromProject(dave, other)).isTrue();
        assertThat(users.removeFromProject(dave, other)).isFalse();
        assertThat(projects.idsOfMember(dave)).containsExactly(project);

        assertThat(users.delete(dave)).isTrue();
        assertThat(users.delete(dave)).isFalse();
        assertThat(users.find(dave)).isEmpty();
        assertThat(projects.list(Set.of(project)).getFirst().members())
                .containsExactly(new Projects.Member(erin, "erin"));

        projectRepository.deleteById(project);
        assertThat(projects.idsOfMember(erin)).isEmpty();
    }

    @Test
    void deletingAProjectTakesItsKeysAndDeploysWithIt() {
        long project = projects.create(name("doomed"));
        IssuedKey key = apiKeys.issue(project, "k", EnumSet.of(Scope.READ));
        markers.add(project, "api", "1.0", "", null, T0, DeployMarker.Source.POSTED);

        projectRepository.deleteById(project);
        assertThat(apiKeys.projectOf(key.id())).isEmpty();
        readable.projects = Set.of(project);
        assertThat(markers.list(null, T0.minusSeconds(60), T0.plusSeconds(60))).isEmpty();
    }

    // --- Deploy markers ---

    @Test
    void aDeployKnowsTheDeploysBeforeAndAfterItOfItsServiceProjectAndEnvironment() {
        long project = projects.create(name("neighbours"));
        long other = projects.create(name("neighbours-other"));
        readable.projects = Set.of(project, other);
        markers.add(project, "api", "1.0", "prod", null, T0, DeployMarker.Source.DETECTED);
        markers.add(project, "api", "1.0", "staging", null, T0.plusSeconds(1), DeployMarker.Source.DETECTED);
        markers.add(other, "api", "1.5", "prod", null, T0.plusSeconds(2), DeployMarker.Source.DETECTED);
        markers.add(project, "web", "7.0", "prod", null, T0.plusSeconds(3), DeployMarker.Source.DETECTED);
        markers.add(project, "api", "2.0", "prod", null, T0.plusSeconds(4), DeployMarker.Source.DETECTED);
        markers.add(project, "api", "3.0", "prod", null, T0.plusSeconds(5), DeployMarker.Source.DETECTED);

        List<Deployed> two = markers.ofVersion("api", "2.0");
        assertThat(two).hasSize(1);
        assertThat(two.getFirst().previous().version()).isEqualTo("1.0");
        assertThat(two.getFirst().previous().environment()).isEqualTo("prod");
        assertThat(two.getFirst().next().version()).isEqualTo("3.0");
        assertThat(markers.ofVersion("api", "1.5").getFirst())
                .extracting(Deployed::previous, Deployed::next)
                .containsExactly(null, null);

        assertThat(markers.recent(null, T0, T0.plusSeconds(60), 3))
                .extracting(d -> d.deploy().version())
                .containsExactly("3.0", "2.0", "7.0");
        assertThat(markers.recent("api", T0, T0.plusSeconds(60), 50))
                .extracting(d -> d.deploy().version())
                .containsExactly("3.0", "2.0", "1.5", "1.0", "1.0");
        assertThat(markers.latest("api", "prod", 2))
                .extracting(DeployMarker::version)
                .containsExactly("3.0", "2.0");
        assertThat(markers.latest(null, null, 1))
                .extracting(DeployMarker::version)
                .containsExactly("3.0");
        readable.projects = Set.of(other);
        assertThat(markers.latest("api", null, 5))
                .extracting(DeployMarker::version)
                .containsExactly("1.5");
        readable.projects = Set.of();
        assertThat(markers.recent(null, T0, T0.plusSeconds(60), 50)).isEmpty();
        assertThat(markers.ofVersion("api", "2.0")).isEmpty();
    }

    @Test
    void aVersionIsMarkedOncePerEnvironment() {
        long project = projects.create(name("deploys"));
        readable.projects = Set.of(project);

        assertThat(markers.add(project, "api", "1.0", "prod", "abc123", T0, DeployMarker.Source.POSTED))
                .isTrue();
        assertThat(markers.add(
                        project, "api", "1.0", "prod", "def456", T0.plusSeconds(5), DeployMarker.Source.DETECTED))
                .isFalse();
        assertThat(markers.add(
                        project, "api", "1.0", "staging", null, T0.plusSeconds(10), DeployMarker.Source.DETECTED))
                .isTrue();
        assertThat(markers.add(project, "web", "1.0", "prod", null, T0.plusSeconds(20), DeployMarker.Source.DETECTED))
                .isTrue();

        List<DeployMarker> all = markers.list(null, T0, T0.plusSeconds(60));
        assertThat(all)
                .extracting(DeployMarker::service, DeployMarker::environment)
                .containsExactly(tuple("api", "prod"), tuple("api", "staging"), tuple("web", "prod"));
        DeployMarker first = all.getFirst();
        assertThat(first.commit()).isEqualTo("abc123");
        assertThat(first.at()).isEqualTo(T0);
        assertThat(first.source()).isEqualTo(DeployMarker.Source.POSTED);

        assertThat(markers.list("web", T0, T0.plusSeconds(60)))
                .extracting(DeployMarker::service)
                .containsExactly("web");
        // [from, to): a marker at `to` is outside, one at `from` inside.
        assertThat(markers.list(null, T0.plusSeconds(10), T0.plusSeconds(20)))
                .extracting(DeployMarker::environment)
                .containsExactly("staging");
        readable.projects = Set.of();
        assertThat(markers.list(null, T0, T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void writersRacingForOneVersionMarkItExactlyOnce() throws Exception {
        long project = projects.create(name("race"));
        readable.projects = Set.of(project);
        int writers = 8;
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Instant at = T0.plusSeconds(i);
            tasks.add(() -> markers.add(project, "api", "2.0", "prod", null, at, DeployMarker.Source.DETECTED));
        }
        List<Boolean> added = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                added.add(result.get());
            }
        }
        assertThat(added).containsOnlyOnce(true).hasSize(writers);
        assertThat(markers.list(null, T0, T0.plusSeconds(60))).hasSize(1);
    }

    private void start(String bootstrapKey) {
        Bootstrap bootstrap = new Bootstrap(
                projects, apiKeys, users, new SecurityProperties(bootstrapKey, "metadata-admin-password", null));
        // In a transaction, as the application's proxy runs it.
        new TransactionTemplate(transactions).executeWithoutResult(status -> bootstrap.afterSingletonsInstantiated());
    }

    private static String secret(String what) {
        return "sl_" + what + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
