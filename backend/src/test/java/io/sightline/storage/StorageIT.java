package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import io.sightline.SpanFixture;
import io.sightline.security.Projects;
import io.sightline.security.Role;
import io.sightline.security.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Health without credentials, storage usage with them, and the schema's migration record. */
class StorageIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    SpanTables tables;

    @Autowired
    Projects projects;

    @Autowired
    Users users;

    @Autowired
    StorageProperties properties;

    @Test
    void healthReportsBothStoresWithoutCredentials() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("clickhouse").get("status").asString())
                .isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(response.body()).doesNotContain("version");
    }

    @Test
    void storageUsageCountsSpansAndBytes() throws Exception {
        OtlpFixture.slowCheckout().send(port, BOOTSTRAP_KEY);

        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/api/v1/storage")).header("Authorization", "Bearer " + BOOTSTRAP_KEY));
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/v1/storage")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode usage = JSON.readTree(response.body());
        assertThat(usage.get("engine").asString()).isEqualTo("embedded");
        assertThat(usage.get("spans").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(usage.get("bytesPerSpan").asDouble()).isPositive();
        assertThat(usage.get("scope").asString())
                .as("a key reads its project, not the instance")
                .isEqualTo("projects");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    /**
     * A member sees the spans of their own project only, never the tables or another project; an
     * admin sees the instance: every table and every project.
     */
    @Test
    void storageIsPerProjectForMembersAndInstanceWideForAdmins() throws Exception {
        long mine = projects.create("storage-mine-" + UUID.randomUUID());
        long theirs = projects.create("storage-theirs-" + UUID.randomUUID());
        SpanFixture fixture = new SpanFixture(clickHouse, tables);
        fixture.insert(List.of(
                SpanFixture.span(mine, SpanFixture.randomTraceId()).build(),
                SpanFixture.span(mine, SpanFixture.randomTraceId()).build(),
                SpanFixture.span(theirs, SpanFixture.randomTraceId()).build()));
        String member = "storage-member-" + UUID.randomUUID();
        users.addToProject(users.create(member, "member-password", Role.MEMBER), mine);

        JsonNode memberView = usage(signIn(member, "member-password"));
        assertThat(memberView.get("scope").asString()).isEqualTo("projects");
        assertThat(memberView.has("tables")).isFalse();
        assertThat(memberView.has("totalBytesOnDisk")).isFalse();
        assertThat(memberView.get("projects").size()).isEqualTo(1);
        JsonNode own = memberView.get("projects").get(0);
        assertThat(own.get("projectId").asLong()).isEqualTo(mine);
        assertThat(own.get("spans").asLong()).isEqualTo(2);
        assertThat(own.get("estimatedBytesOnDisk").asLong()).isPositive();
        assertThat(memberView.get("spans").asLong()).isEqualTo(2);
        assertThat(memberView.toString()).doesNotContain("\"projectId\":" + theirs);

        JsonNode adminView = usage(signIn("admin", ADMIN_PASSWORD));
        assertThat(adminView.get("scope").asString()).isEqualTo("instance");
        assertThat(adminView.get("tables").toString()).contains("\"spans\"").contains("\"trace_index\"");
        List<Long> listed = new ArrayList<>();
        adminView
                .get("projects")
                .forEach(project -> listed.add(project.get("projectId").asLong()));
        assertThat(listed).contains(mine, theirs);
        assertThat(adminView.get("spans").asLong()).isGreaterThanOrEqualTo(3);
    }

    /** Every table fsyncs its inserts exactly when {@code sightline.storage.fsync} says so. */
    @Test
    void everyTableFollowsTheFsyncSetting() {
        Map<String, String> tablesByName = Durability.tables(clickHouse, "sightline");
        assertThat(tablesByName).containsKeys("spans", "trace_index", "endpoint_minutes");
        tablesByName.forEach((table, definition) ->
                assertThat(Durability.fsync(definition)).as(table).isEqualTo(properties.fsync()));
    }

    /** The setting is applied both ways at start-up, to a table that differs only. */
    @Test
    void fsyncIsTurnedOnAndOffOnExistingTables() {
        String database = "durability_" + UUID.randomUUID().toString().replace("-", "");
        clickHouse.command("CREATE DATABASE " + database);
        try {
            clickHouse.command("CREATE TABLE " + database + ".t (id UInt32) ENGINE = MergeTree ORDER BY id");
            Durability.apply(clickHouse, database, "", true);
            assertThat(Durability.fsync(Durability.tables(clickHouse, database).get("t")))
                    .isTrue();
            Durability.apply(clickHouse, database, "", false);
            assertThat(Durability.tables(clickHouse, database).get("t"))
                    .contains("fsync_after_insert = 0")
                    .contains("fsync_part_directory = 0");
        } finally {
            clickHouse.command("DROP DATABASE IF EXISTS " + database);
        }
    }

    private JsonNode usage(HttpClient client) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/storage"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void everyMigrationIsRecordedOnce() throws Exception {
        try (var result = clickHouse.query(
                "SELECT count(), uniqExact(version) FROM sightline.schema_migrations", Map.of(), "TSV")) {
            String[] counts = new String(result.readAllBytes()).strip().split("\t");
            assertThat(counts[0]).isEqualTo(counts[1]);
            assertThat(Integer.parseInt(counts[0])).isGreaterThanOrEqualTo(3);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
