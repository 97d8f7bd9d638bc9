package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cluster mode's schema, proven as far as one process without a cluster can: every statement cluster
 * mode would send (the migrator's own, every migration's, and the retention, fsync and free-space
 * ALTERs) is parsed by the embedded engine, checked statement by statement for its cluster layout,
 * and run on one node with only {@code ON CLUSTER} and the replication dropped. What this cannot
 * prove (Keeper, replication, quorum, several shards) is listed in docs/architecture.md.
 */
class ClusterSchemaIT extends IntegrationTest {

    private static final String CLUSTER = "sightline_test";
    private static final String ON_CLUSTER = "ON CLUSTER '" + CLUSTER + "'";
    private static final Pattern CREATE_TABLE = Pattern.compile("(?s)CREATE TABLE IF NOT EXISTS (\\w+)\\.(\\w+) .*");
    private static final Pattern ENGINE = Pattern.compile("ENGINE = (\\w+)(\\(([^()]*(\\([^()]*\\))?)\\))?");
    private static final Pattern VIEW_TABLES = Pattern.compile("\\b(TO|FROM|JOIN)\\s+(\\w+)\\.(\\w+)");
    private static final Pattern ALTER = Pattern.compile("ALTER TABLE (\\w+)\\.(\\w+) " + ON_CLUSTER + " MODIFY .*");

    @Autowired
    ClickHouse clickHouse;

    private String database;
    private SchemaMigrator migrator;

    @BeforeEach
    void layout() {
        database = "cluster_it_" + UUID.randomUUID().toString().substring(0, 8);
        SchemaLayout layout = new SchemaLayout(database, CLUSTER);
        migrator = new SchemaMigrator(clickHouse, "classpath:db/clickhouse", layout.placeholders(7), layout);
    }

    @Test
    void theEmbeddedEngineParsesEveryStatement() {
        List<String> statements = statements();
        assertThat(statements).hasSizeGreaterThanOrEqualTo(2 + 7);
        for (String sql : statements) {
            assertThat(format(sql)).as(sql).isNotBlank().contains(database);
        }
    }

    @Test
    void everyStatementRunsOnTheClusterAndEveryMergeTreeIsReplicated() {
        for (String sql : statements()) {
            assertThat(sql).as("statement").contains(ON_CLUSTER);
            Matcher engine = ENGINE.matcher(sql);
            while (engine.find()) {
                String name = engine.group(1);
                assertThat(name).as(sql).matches("Replicated\\w*MergeTree|Distributed");
            }
        }
        assertThat(String.join("\n", statements()))
                .contains("ENGINE = ReplicatedMergeTree('/clickhouse/sightline/" + database
                        + "/schema_migrations', '{shard}-{replica}')");
    }

    /** What the features read and write is Distributed, over a local table, sharded by trace where rows are written. */
    @Test
    void everyDataTableHasADistributedCompanionWithItsShardingKey() {
        Set<String> local = new TreeSet<>();
        Map<String, String> distributed = new TreeMap<>();
        for (String sql : statements()) {
            Matcher create = CREATE_TABLE.matcher(sql);
            if (!create.matches()) {
                continue;
            }
            assertThat(create.group(1)).isEqualTo(database);
            Matcher engine = ENGINE.matcher(sql);
            assertThat(engine.find()).as(sql).isTrue();
            if (engine.group(1).equals("Distributed")) {
                assertThat(sql).contains(" AS " + database + "." + create.group(2) + "_local ");
                distributed.put(create.group(2), engine.group(3));
            } else if (!create.group(2).equals("schema_migrations")) {
                assertThat(create.group(2)).endsWith("_local");
                local.add(create.group(2));
            }
        }
        assertThat(local).containsExactlyInAnyOrder("spans_local", "trace_index_local", "endpoint_minutes_local");
        assertThat(distributed)
                .containsEntry("spans", "'" + CLUSTER + "', '" + database + "', 'spans_local', cityHash64(trace_id)")
                .containsEntry(
                        "trace_index",
                        "'" + CLUSTER + "', '" + database + "', 'trace_index_local', cityHash64(trace_id)")
                .containsEntry("endpoint_minutes", "'" + CLUSTER + "', '" + database + "', 'endpoint_minutes_local'")
                .hasSize(3);
        SpanTables features = new SpanTables(database);
        assertThat(List.of(features.spans(), features.traceIndex(), features.endpointMinutes()))
                .allSatisfy(table -> assertThat(distributed).containsKey(table.substring(database.length() + 1)));
    }

    @Test
    void materialisedViewsReadAndWriteLocalTables() {
        int views = 0;
        for (String sql : statements()) {
            if (!sql.startsWith("CREATE MATERIALIZED VIEW")) {
                continue;
            }
            views++;
            assertThat(sql).containsPattern("\\bTO\\s+" + database + "\\.\\w+_local\\b");
            Matcher tables = VIEW_TABLES.matcher(sql);
            while (tables.find()) {
                assertThat(tables.group(3)).as(sql).endsWith("_local");
            }
        }
        assertThat(views).isEqualTo(3);
    }

    /**
     * Run on one node (ON CLUSTER and replication dropped, the Distributed tables left out, as no
     * cluster exists here), the local schema is complete: a span inserted into the local table feeds
     * both rollups through the views, and the start-up ALTERs target the local tables on the cluster.
     */
    @Test
    void theLocalSchemaRunsAndTheStartUpAltersTargetTheLocalTables() throws IOException {
        try {
            for (String sql : statements()) {
                if (!sql.contains("ENGINE = Distributed")) {
                    clickHouse.command(oneNode(sql));
                }
            }
            clickHouse.command("INSERT INTO " + database + ".spans_local"
                    + " (project_id, start_time, trace_id, span_id, service, endpoint, kind, is_entry, duration_ns)"
                    + " VALUES (1, now64(9), 'abc', 's1', 'shop', 'GET /', 'SERVER', true, 12000000)");
            assertThat(text("SELECT count() FROM " + database + ".trace_index_local WHERE trace_id = 'abc'"))
                    .isEqualTo("1");
            assertThat(text("SELECT sum(requests), sum(b1) FROM " + database + ".endpoint_minutes_local"))
                    .isEqualTo("1\t1");

            RecordingCommands recording = new RecordingCommands(clickHouse);
            SchemaLayout layout = new SchemaLayout(database, CLUSTER);
            Retention.apply(recording, layout, 3);
            Durability.apply(recording, database, layout.onCluster(), true);
            FreeSpaceReserve.apply(recording, layout, 1 << 30);

            Set<String> altered = new TreeSet<>();
            for (String sql : recording.commands) {
                assertThat(format(sql)).as(sql).isNotBlank();
                Matcher alter = ALTER.matcher(sql);
                assertThat(alter.matches()).as(sql).isTrue();
                assertThat(alter.group(1)).isEqualTo(database);
                altered.add(alter.group(2));
            }
            assertThat(altered)
                    .containsExactlyInAnyOrder(
                            "spans_local", "trace_index_local", "endpoint_minutes_local", "schema_migrations");
            assertThat(Retention.createStatement(clickHouse, database, "spans_local"))
                    .contains("toIntervalDay(3)")
                    .contains("fsync_after_insert = 1")
                    .contains("min_free_disk_bytes_to_perform_insert = " + (1 << 30));
        } finally {
            clickHouse.command("DROP DATABASE IF EXISTS " + database);
        }
    }

    /** A database from cluster mode before sharding would never be sharded by the recorded migrations: refused first. */
    @Test
    void aClusterDatabaseWithUnshardedSpansIsRefusedBeforeAnyStatement() {
        clickHouse.command("CREATE DATABASE " + database);
        try {
            clickHouse.command(
                    "CREATE TABLE " + database + ".spans (trace_id String) ENGINE = MergeTree ORDER BY trace_id");

            assertThatThrownBy(migrator::migrate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(database + ".spans is not a Distributed table")
                    .hasMessageContaining("INSERT INTO <new>.spans SELECT * FROM " + database + ".spans");
            assertThat(Retention.createStatement(clickHouse, database, "schema_migrations"))
                    .isEmpty();
        } finally {
            clickHouse.command("DROP DATABASE IF EXISTS " + database);
        }
    }

    /** Every statement cluster mode sends to create the schema, in order. */
    private List<String> statements() {
        List<String> statements = new ArrayList<>(migrator.start());
        for (SchemaMigrator.Migration migration : migrator.load()) {
            statements.addAll(migrator.render(migration));
        }
        return statements;
    }

    /** The engine's own formatting of {@code sql}: fails unless ClickHouse's parser accepts it. */
    private String format(String sql) {
        try (InputStream result = clickHouse.query("SELECT formatQuery({sql:String})", Map.of("sql", sql), "TSVRaw")) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String text(String sql) throws IOException {
        try (InputStream result = clickHouse.query(sql, Map.of(), "TSVRaw")) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /** {@code sql} as one node runs it: no ON CLUSTER, plain MergeTree engines. */
    private static String oneNode(String sql) {
        return sql.replace(" " + ON_CLUSTER, "")
                .replaceAll("ReplicatedMergeTree\\('[^']*', '[^']*'\\)", "MergeTree")
                .replaceAll("Replicated(\\w*MergeTree)", "$1");
    }

    /** The engine, but each command is recorded as cluster mode sends it and run as one node would. */
    private static final class RecordingCommands extends ForwardingClickHouse {

        private final List<String> commands = new ArrayList<>();

        RecordingCommands(ClickHouse engine) {
            super(engine);
        }

        @Override
        public void command(String sql, Map<String, ?> parameters) {
            commands.add(sql);
            engine.command(oneNode(sql), parameters);
        }

        @Override
        public void close() {}
    }
}
