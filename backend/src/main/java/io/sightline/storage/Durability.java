package io.sightline.storage;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Keeps every table's fsync settings equal to {@code sightline.storage.fsync}: with it, an insert
 * returns only after its part's files ({@code fsync_after_insert}) and the part's directory
 * ({@code fsync_part_directory}) are on disk, so an acknowledged span survives a power loss, not
 * only a crash of the process. They are MergeTree table settings (no query or connection setting
 * exists), set at start-up with {@code ALTER TABLE … MODIFY SETTING} on each table that differs,
 * including the materialised views' target tables, which every span insert also writes.
 */
public final class Durability {

    private static final Logger log = LoggerFactory.getLogger(Durability.class);

    private Durability() {}

    public static void apply(ClickHouse clickHouse, String database, String onCluster, boolean fsync) {
        String value = fsync ? "1" : "0";
        tables(clickHouse, database).forEach((table, definition) -> {
            if (fsync(definition) != fsync) {
                log.info("Setting fsync on insert of {}.{} to {}", database, table, fsync);
                clickHouse.command("ALTER TABLE " + database + "." + table + " " + onCluster
                        + " MODIFY SETTING fsync_after_insert = " + value + ", fsync_part_directory = " + value);
            }
        });
    }

    /** Whether a table's definition turns both fsync settings on (off is ClickHouse's default). */
    static boolean fsync(String createTableQuery) {
        return createTableQuery.contains("fsync_after_insert = 1")
                && createTableQuery.contains("fsync_part_directory = 1");
    }

    /** The database's MergeTree tables (not views) by name, with their CREATE statements. */
    static Map<String, String> tables(ClickHouse clickHouse, String database) {
        Map<String, String> tables = new TreeMap<>();
        for (JsonNode row : JsonRows.read(
                clickHouse,
                "SELECT name, create_table_query FROM system.tables"
                        + " WHERE database = {database:String} AND engine LIKE '%MergeTree'",
                Map.of("database", database))) {
            tables.put(row.get("name").asString(), row.get("create_table_query").asString());
        }
        return tables;
    }
}
