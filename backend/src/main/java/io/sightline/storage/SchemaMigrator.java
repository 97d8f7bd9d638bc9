package io.sightline.storage;

import io.sightline.span.Buckets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applies the ordered ClickHouse migrations ({@code db/clickhouse/V<n>__<name>.sql}, one object per
 * file) and records each with its checksum in {@code schema_migrations}. A file whose checksum no
 * longer matches its record is refused: applied migrations are history, change them with a new one.
 *
 * <p>Placeholders let one file serve a single node and a cluster: {@code ${database}},
 * {@code ${on_cluster}}, {@code ${merge_tree}} (MergeTree or ReplicatedMergeTree), {@code ${replicated}}
 * (the Replicated prefix of other MergeTree kinds),
 * {@code ${ttl_days}}; and {@code ${bucket_counts}}, the rollup's bucket columns rendered from
 * {@link Buckets}, so the view never holds a copy of the bounds. The checksum covers the file as
 * written, before substitution. {@link SchemaLayout} renders each statement for one node or a cluster.
 */
public final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private final ClickHouse clickHouse;
    private final String location;
    private final Map<String, String> placeholders;
    private final SchemaLayout layout;

    /** One node: each migration runs as written. */
    public SchemaMigrator(ClickHouse clickHouse, String location, Map<String, String> placeholders) {
        this(clickHouse, location, placeholders, new SchemaLayout(placeholders.get("database"), null));
    }

    SchemaMigrator(ClickHouse clickHouse, String location, Map<String, String> placeholders, SchemaLayout layout) {
        this.clickHouse = clickHouse;
        this.location = location;
        this.layout = layout;
        Map<String, String> all = new HashMap<>(placeholders);
        all.putIfAbsent("bucket_counts", Buckets.countsSql("duration_ns"));
        this.placeholders = Map.copyOf(all);
    }

    public record Migration(int version, String name, String sql, String checksum) {}

    /** Applies every pending migration in order; returns how many were applied. */
    public int migrate() {
        String database = placeholders.get("database");
        if (layout.clustered()) {
            refuseUnshardedClusterSchema(database);
        }
        start().forEach(clickHouse::command);
        Map<Integer, String> applied = appliedChecksums(database);
        int count = 0;
        for (Migration migration : load()) {
            String recorded = applied.get(migration.version());
            if (recorded != null) {
                if (!recorded.equals(migration.checksum())) {
                    throw new IllegalStateException("ClickHouse migration V" + migration.version() + "__"
                            + migration.name() + " was edited after it was applied (checksum " + recorded
                            + " recorded, " + migration.checksum() + " now). Add a new migration instead.");
                }
                continue;
            }
            log.info("Applying ClickHouse migration V{}__{}", migration.version(), migration.name());
            render(migration).forEach(clickHouse::command);
            clickHouse.command(
                    "INSERT INTO " + database + ".schema_migrations (version, name, checksum)"
                            + " VALUES ({version:UInt32}, {name:String}, {checksum:String})",
                    Map.of("version", migration.version(), "name", migration.name(), "checksum", migration.checksum()));
            count++;
        }
        return count;
    }

    /** The database and the migration record, created before any migration is read. */
    List<String> start() {
        return List.of(
                "CREATE DATABASE IF NOT EXISTS " + placeholders.get("database") + " " + layout.onCluster(),
                layout.migrationsTable());
    }

    /** The statements that apply {@code migration} in this layout. */
    List<String> render(Migration migration) {
        return layout.render(substitute(migration.sql()));
    }

    /**
     * Cluster mode before Distributed tables created {@code spans} as a replicated table holding every
     * row: the migrations are recorded as applied, so nothing would shard it. Refused, not patched up.
     */
    private void refuseUnshardedClusterSchema(String database) {
        String spans = Retention.createStatement(clickHouse, database, "spans");
        if (!spans.isEmpty() && !spans.contains("ENGINE = Distributed")) {
            throw new IllegalStateException(database
                    + ".spans is not a Distributed table: it was created by cluster mode"
                    + " before sharding. Point sightline.storage.database at a new database (the schema is created"
                    + " sharded there) and copy the spans with INSERT INTO <new>.spans SELECT * FROM " + database
                    + ".spans.");
        }
    }

    List<Migration> load() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(location + "/*.sql");
            List<Migration> migrations = new ArrayList<>();
            for (Resource resource : resources) {
                Matcher name = FILE_NAME.matcher(resource.getFilename());
                if (!name.matches()) {
                    throw new IllegalStateException(
                            "ClickHouse migration " + resource.getFilename() + " is not named V<version>__<name>.sql");
                }
                try (InputStream in = resource.getInputStream()) {
                    String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    migrations.add(new Migration(
                            Integer.parseInt(name.group(1)),
                            name.group(2),
                            sql.strip().replaceAll(";\\s*$", ""),
                            sha256(sql)));
                }
            }
            migrations.sort(Comparator.comparingInt(Migration::version));
            for (int i = 1; i < migrations.size(); i++) {
                if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                    throw new IllegalStateException("two ClickHouse migrations share version "
                            + migrations.get(i).version());
                }
            }
            return migrations;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ClickHouse migrations from " + location, e);
        }
    }

    private Map<Integer, String> appliedChecksums(String database) {
        Map<Integer, String> applied = new HashMap<>();
        try (InputStream in =
                clickHouse.query("SELECT version, checksum FROM " + database + ".schema_migrations", Map.of(), "TSV")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    String[] fields = line.split("\t");
                    applied.put(Integer.parseInt(fields[0]), fields[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return applied;
    }

    private String substitute(String sql) {
        Matcher matcher = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = placeholders.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException(
                        "unknown placeholder ${" + matcher.group(1) + "} in a ClickHouse migration");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
