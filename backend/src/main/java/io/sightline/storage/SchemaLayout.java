package io.sightline.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the tables live. On one node, each migration runs as written. In a cluster (a name from the
 * servers' {@code remote_servers}) every table {@code X} of a migration becomes two: {@code X_local},
 * a {@code Replicated*MergeTree} on every node created {@code ON CLUSTER}, holding this shard's rows;
 * and {@code X}, a {@code Distributed} table over the {@code X_local} of every shard. Materialised
 * views read from and write to the local tables, so a span insert feeds the rollups of the shard it
 * lands on. Everything above the schema keeps reading and writing {@code X}.
 *
 * <p>The migrations' files are unchanged by this: their checksums cover the file as written, so a
 * database migrated on one node still matches. The rewriting happens here, statement kind by
 * statement kind; a kind it does not know is refused, so a new kind of migration gets a cluster
 * rendering before it can reach a cluster.
 *
 * @param cluster the cluster's name, or null on one node
 */
record SchemaLayout(String database, String cluster) {

    static final String LOCAL = "_local";

    /**
     * The Distributed tables' sharding keys. A trace's spans and its index rows go to one shard, so
     * a trace is read, and joined by trace ID, on one shard. A table not named here is written only
     * by materialised views on each shard: its Distributed table has no sharding key and ClickHouse
     * refuses an insert into it once there are several shards.
     */
    static final Map<String, String> SHARDING_KEYS =
            Map.of("spans", "cityHash64(trace_id)", "trace_index", "cityHash64(trace_id)");

    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?s)CREATE TABLE (IF NOT EXISTS )?(\\w+)\\.(\\w+) (ON CLUSTER '[^']+')(.*)");
    private static final Pattern REPLICATED_ENGINE = Pattern.compile("\\bENGINE = Replicated\\w*MergeTree\\b");
    private static final Pattern CREATE_VIEW =
            Pattern.compile("(?s)CREATE MATERIALIZED VIEW (IF NOT EXISTS )?\\w+\\.\\w+ ON CLUSTER '[^']+'\\s+TO\\s.*");
    private static final Pattern DROP_VIEW =
            Pattern.compile("(?s)DROP VIEW (IF EXISTS )?\\w+\\.\\w+ ON CLUSTER '[^']+'");
    /**
     * A clause that only changes how the stored parts are kept: a column's compression ({@code
     * MODIFY COLUMN c CODEC(…)}) or a MergeTree setting ({@code MODIFY SETTING name = value, …}).
     */
    private static final String STORAGE_CLAUSE = "(?:MODIFY COLUMN \\w+ CODEC\\((?:[^()]|\\([^()]*\\))*\\)"
            + "|MODIFY SETTING \\w+ = \\w+(?:\\s*,\\s*\\w+ = \\w+)*)";

    private static final Pattern ALTER_STORAGE =
            Pattern.compile("(?s)ALTER TABLE (\\w+)\\.(\\w+) (ON CLUSTER '[^']+')\\s+(" + STORAGE_CLAUSE
                    + "(?:\\s*,\\s*" + STORAGE_CLAUSE + ")*)");

    SchemaLayout {
        if (cluster != null && !CLUSTER_NAME.matcher(cluster).matches()) {
            throw new IllegalArgumentException("cluster mode needs the cluster's name from remote_servers"
                    + " (sightline.storage.server.cluster, CLICKHOUSE_CLUSTER: letters, digits, _ . -), not '"
                    + cluster + "'");
        }
    }

    static SchemaLayout of(StorageProperties properties) {
        return new SchemaLayout(
                properties.database(),
                properties.mode() == StorageProperties.Mode.CLUSTER
                        ? Objects.requireNonNullElse(properties.server().cluster(), "")
                        : null);
    }

    boolean clustered() {
        return cluster != null;
    }

    /** {@code ON CLUSTER '<name>'} for every DDL statement in a cluster, else empty. */
    String onCluster() {
        return clustered() ? "ON CLUSTER '" + cluster + "'" : "";
    }

    /** The table holding this node's rows of {@code table}: what storage settings (TTL, fsync…) are altered on. */
    String stored(String table) {
        return clustered() ? table + LOCAL : table;
    }

    /** The migrations' placeholders that depend on the layout. */
    Map<String, String> placeholders(int ttlDays) {
        return Map.of(
                "database",
                database,
                "on_cluster",
                onCluster(),
                "merge_tree",
                clustered() ? "ReplicatedMergeTree" : "MergeTree",
                "replicated",
                clustered() ? "Replicated" : "",
                "ttl_days",
                Integer.toString(ttlDays));
    }

    /**
     * The migration record. In a cluster one replicated table across every node of every shard (its
     * Keeper path names no shard, its replica name both macros), so any node a start-up reaches sees
     * every migration applied, whichever shard applied it.
     */
    String migrationsTable() {
        String engine = clustered()
                ? "ReplicatedMergeTree('/clickhouse/sightline/" + database + "/schema_migrations', '{shard}-{replica}')"
                : "MergeTree";
        return "CREATE TABLE IF NOT EXISTS " + database + ".schema_migrations " + onCluster()
                + " (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))"
                + " ENGINE = " + engine + " ORDER BY version";
    }

    /** The statements that carry out one migration statement (placeholders already substituted). */
    List<String> render(String statement) {
        if (!clustered()) {
            return List.of(statement);
        }
        String sql = withoutComments(statement);
        Matcher table = CREATE_TABLE.matcher(sql);
        if (table.matches()) {
            return createTable(table);
        }
        if (CREATE_VIEW.matcher(sql).matches()) {
            return List.of(sql.replaceAll(
                    "\\b(TO|FROM|JOIN)(\\s+)" + database + "\\.(\\w+)", "$1$2" + database + ".$3" + LOCAL));
        }
        if (DROP_VIEW.matcher(sql).matches()) {
            return List.of(sql);
        }
        Matcher storage = ALTER_STORAGE.matcher(sql);
        if (storage.matches() && storage.group(1).equals(database)) {
            // Compression and merging are the stored parts' business: the local tables hold them,
            // the Distributed table holds none.
            return List.of("ALTER TABLE " + database + "." + storage.group(2) + LOCAL + " " + storage.group(3) + " "
                    + storage.group(4));
        }
        throw new IllegalStateException("cluster mode has no rendering for this migration statement (SchemaLayout knows"
                + " CREATE TABLE, CREATE MATERIALIZED VIEW … TO, DROP VIEW and ALTER TABLE … MODIFY COLUMN … CODEC"
                + " or MODIFY SETTING, each ON CLUSTER): " + sql);
    }

    private List<String> createTable(Matcher table) {
        String ifNotExists = table.group(1) == null ? "" : table.group(1);
        String name = table.group(3);
        if (!table.group(2).equals(database)) {
            throw new IllegalStateException(
                    "a migration creates " + table.group(2) + "." + name + " outside ${database}");
        }
        if (!REPLICATED_ENGINE.matcher(table.group(5)).find()) {
            throw new IllegalStateException("in a cluster " + name
                    + " needs a replicated engine: write ENGINE = ${merge_tree} or ${replicated}<Kind>MergeTree");
        }
        String local = database + "." + name + LOCAL;
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE " + ifNotExists + local + " " + table.group(4) + table.group(5));
        String shardingKey = SHARDING_KEYS.containsKey(name) ? ", " + SHARDING_KEYS.get(name) : "";
        statements.add("CREATE TABLE " + ifNotExists + database + "." + name + " " + table.group(4) + " AS " + local
                + " ENGINE = Distributed('" + cluster + "', '" + database + "', '" + name + LOCAL + "'" + shardingKey
                + ")");
        return statements;
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("(?m)^\\s*--.*$\\n?", "").strip();
    }
}
