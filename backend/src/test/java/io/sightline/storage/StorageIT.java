package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Health without credentials, storage usage with them, and the schema's migration record. */
class StorageIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

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
        assertThat(usage.get("tables").toString()).contains("\"spans\"").contains("\"trace_index\"");
        assertThat(anonymous.statusCode()).isEqualTo(401);
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
