package io.sightline.deploy;

import static io.sightline.deploy.DeployFiles.at;
import static io.sightline.deploy.DeployFiles.list;
import static io.sightline.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docker-compose.yml is a valid Compose file (checked offline against the Compose Specification's
 * JSON schema, as `docker compose config` would) that starts Sightline in server mode once
 * ClickHouse and PostgreSQL are healthy, and the Dockerfile builds the image it runs. Compose
 * itself also reads it where installed.
 */
class ComposeFileTest {

    /** fetch-compose-spec.sh puts the schema here (generate-test-resources). */
    private static final Path SCHEMA = Path.of("target/compose-spec/compose-spec.json");

    private static final Set<String> PORTS = Set.of("8080", "4317", "4318", "9411");

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(:?-)?[^}]*}");

    private final String text = DeployFiles.read("docker-compose.yml");
    private final Map<String, Object> compose = DeployFiles.documents(text).getFirst();

    @Test
    void theFileMatchesTheComposeSpecification() throws IOException {
        assertThat(schemaErrors(compose)).isEmpty();
    }

    @Test
    void theSchemaCheckRefusesAMisspelledKey() throws IOException {
        Map<String, Object> misspelled = DeployFiles.documents(text).getFirst();
        map(at(misspelled, "services", "postgres", "healthcheck")).put("start_periode", "10s");
        assertThat(schemaErrors(misspelled))
                .extracting(Error::toString)
                .anySatisfy(error -> assertThat(error).contains("start_periode"));
    }

    /**
     * Compose itself reads the file offline: `docker compose config` where the Compose plugin is
     * installed, else Debian's `docker-compose` package (which .ci/run installs).
     */
    @Test
    void composeItselfAcceptsTheFile() throws Exception {
        List<String> compose = composeCommand();
        assumeTrue(compose != null, "neither `docker compose` nor `docker-compose` is installed");
        Process config = new ProcessBuilder(concat(compose, "-f", "docker-compose.yml", "config", "--quiet"))
                .directory(DeployFiles.ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(config.getInputStream().readAllBytes());
        assertThat(config.waitFor())
                .as(String.join(" ", compose) + " config: " + output)
                .isZero();
    }

    private static List<String> composeCommand() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                Process version = new ProcessBuilder(concat(candidate, "version"))
                        .redirectErrorStream(true)
                        .start();
                version.getInputStream().readAllBytes();
                if (version.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next one
            }
        }
        return null;
    }

    private static List<String> concat(List<String> command, String... arguments) {
        return Stream.concat(command.stream(), Arrays.stream(arguments)).toList();
    }

    @Test
    void sightlineRunsInServerModeOnceBothStoresAreHealthy() {
        Map<String, Object> sightline = service("sightline");
        assertThat(at(sightline, "build")).isEqualTo(".");
        assertThat(map(at(sightline, "depends_on")))
                .containsOnlyKeys("clickhouse", "postgres")
                .allSatisfy((store, dependency) ->
                        assertThat(at(dependency, "condition")).isEqualTo("service_healthy"));
        Map<String, Object> environment = map(at(sightline, "environment"));
        assertThat(environment).containsEntry("SIGHTLINE_STORAGE_MODE", "server");
        assertThat(URI.create((String) environment.get("CLICKHOUSE_URL")))
                .hasHost("clickhouse")
                .hasPort(8123);
        assertThat(URI.create(((String) environment.get("SIGHTLINE_DATABASE_URL")).substring("jdbc:".length())))
                .hasScheme("postgresql")
                .hasHost("postgres")
                .hasPath("/" + at(service("postgres"), "environment", "POSTGRES_DB"));
    }

    @Test
    void sightlineSignsInToEachStoreWithTheCredentialsThatStoreIsGiven() {
        Map<String, Object> environment = map(at(service("sightline"), "environment"));
        Map<String, Object> clickhouse = map(at(service("clickhouse"), "environment"));
        Map<String, Object> postgres = map(at(service("postgres"), "environment"));
        assertThat(environment.get("CLICKHOUSE_USER")).isEqualTo(clickhouse.get("CLICKHOUSE_USER"));
        assertThat(environment.get("CLICKHOUSE_PASSWORD")).isEqualTo(clickhouse.get("CLICKHOUSE_PASSWORD"));
        assertThat(environment.get("SIGHTLINE_DATABASE_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(environment.get("SIGHTLINE_DATABASE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
    }

    @Test
    void everyVariableSightlineIsGivenIsOneItReads() {
        assertThat(map(at(service("sightline"), "environment")).keySet()).isSubsetOf(DeployFiles.settingVariables());
    }

    @Test
    void everyServiceHasAHealthCheckAndEveryStoreANamedVolumeAndAPinnedImage() {
        Map<String, Object> services = map(at(compose, "services"));
        assertThat(services).containsOnlyKeys("sightline", "clickhouse", "postgres");
        services.forEach((name, service) ->
                assertThat(list(at(service, "healthcheck", "test"))).as(name).isNotEmpty());
        Set<String> namedVolumes = map(at(compose, "volumes")).keySet();
        for (String store : List.of("clickhouse", "postgres")) {
            assertThat(list(at(service(store), "volumes")))
                    .as(store)
                    .anySatisfy(mount ->
                            assertThat(namedVolumes).contains(mount.toString().split(":")[0]));
            assertThat((String) at(service(store), "image")).as(store).matches("[a-z/-]+:\\d+(\\.\\d+)+");
        }
        assertThat((String) at(service("clickhouse"), "image")).startsWith("clickhouse/clickhouse-server:");
        assertThat((String) at(service("postgres"), "image")).startsWith("postgres:");
    }

    @Test
    void sightlinePublishesItsFourPortsAsTheImageExposesThem() {
        Set<String> published = list(at(service("sightline"), "ports")).stream()
                .map(port -> port.toString().substring(port.toString().lastIndexOf(':') + 1))
                .collect(Collectors.toSet());
        assertThat(published).isEqualTo(PORTS);
        assertThat(dockerfileInstruction("EXPOSE").split(" ")).containsExactlyInAnyOrderElementsOf(PORTS);
    }

    @Test
    void theImageRunsAsANonRootUserOnAJre25AndChecksItsHealth() {
        assertThat(dockerfileInstruction("USER")).doesNotStartWith("root").doesNotStartWith("0");
        assertThat(dockerfileInstruction("HEALTHCHECK")).contains("http://127.0.0.1:8080/actuator/health");
        assertThat(DeployFiles.read("Dockerfile").lines().filter(line -> line.startsWith("FROM ")))
                .contains("FROM eclipse-temurin:25-jdk AS build")
                .last()
                .isEqualTo("FROM eclipse-temurin:25-jre");
    }

    @Test
    void everyVariableTheFileReadsHasADefaultAndIsDocumentedInItsHeader() {
        String header = text.lines().takeWhile(line -> line.startsWith("#")).collect(Collectors.joining("\n"));
        Matcher interpolations = INTERPOLATION.matcher(text.substring(header.length()));
        int count = 0;
        while (interpolations.find()) {
            count++;
            assertThat(interpolations.group(2)).as(interpolations.group()).isEqualTo(":-");
            assertThat(header).contains(interpolations.group(1));
        }
        assertThat(count).isPositive();
    }

    private Map<String, Object> service(String name) {
        return map(at(compose, "services", name));
    }

    private static List<Error> schemaErrors(Map<String, Object> compose) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode schema = json.readTree(Files.readString(SCHEMA));
        withoutDraft4Ids(schema);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                .getSchema(schema)
                .validate(json.valueToTree(compose));
    }

    /**
     * The schema declares draft 2019-09 but also labels its definitions with draft-04 `id`s, which
     * that draft has no validator for (compose-go ignores them too); references use JSON pointers.
     */
    private static void withoutDraft4Ids(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("id").isString()) {
            object.remove("id");
        }
        node.forEach(ComposeFileTest::withoutDraft4Ids);
    }

    /** The arguments of the Dockerfile's last instruction of this name, continuation lines joined. */
    private static String dockerfileInstruction(String name) {
        String joined = DeployFiles.read("Dockerfile").replace("\\\n", " ");
        return joined.lines()
                .filter(line -> line.startsWith(name + " "))
                .reduce((first, second) -> second)
                .orElseThrow()
                .substring(name.length())
                .trim()
                .replaceAll("\\s+", " ");
    }
}
