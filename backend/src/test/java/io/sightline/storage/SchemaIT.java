package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.IntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Migrations are applied once and recorded; an edited applied file is refused; retention follows the setting. */
class SchemaIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @TempDir
    Path migrations;

    @Test
    void appliedMigrationsAreRecordedAndAnEditedOneIsRefused() throws Exception {
        String database = "schema_it_" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(
                migrations.resolve("V1__numbers.sql"),
                "CREATE TABLE IF NOT EXISTS ${database}.numbers ${on_cluster} (n UInt32) ENGINE = ${merge_tree} ORDER BY n");
        Files.writeString(
                migrations.resolve("V2__more.sql"),
                "CREATE TABLE IF NOT EXISTS ${database}.more (n UInt32) ENGINE = ${merge_tree} ORDER BY n;\n");
        Map<String, String> placeholders =
                Map.of("database", database, "on_cluster", "", "merge_tree", "MergeTree", "ttl_days", "7");
        SchemaMigrator migrator =
                new SchemaMigrator(clickHouse, migrations.toUri().toString(), placeholders);

        assertThat(migrator.migrate()).isEqualTo(2);
        assertThat(migrator.migrate()).isZero();

        Files.writeString(
                migrations.resolve("V1__numbers.sql"),
                "CREATE TABLE IF NOT EXISTS ${database}.numbers (n UInt64) ENGINE = ${merge_tree} ORDER BY n");
        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V1__numbers was edited after it was applied");
    }

    @Test
    void retentionFollowsTheSettingOnExistingTables() throws Exception {
        Retention.apply(clickHouse, new SchemaLayout("sightline", null), 3);
        assertThat(createStatement("spans")).contains("toIntervalDay(3)");
        assertThat(createStatement("trace_index")).contains("toIntervalDay(3)");

        Retention.apply(clickHouse, new SchemaLayout("sightline", null), 7);
        assertThat(createStatement("spans")).contains("toIntervalDay(7)").doesNotContain("toIntervalDay(3)");
    }

    private String createStatement(String table) throws Exception {
        try (InputStream result = clickHouse.query(
                "SELECT create_table_query FROM system.tables WHERE database = 'sightline' AND name = {t:String}",
                Map.of("t", table),
                "TSVRaw")) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
