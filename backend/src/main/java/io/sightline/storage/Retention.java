package io.sightline.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tables' TTL equal to {@code SIGHTLINE_RETENTION_DAYS}. Migrations set it when a table is
 * created; a later change of the setting is applied at start-up with {@code MODIFY TTL}, which with
 * {@code ttl_only_drop_parts} drops whole expired parts rather than rewriting them.
 */
final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** Table → the expression its rows expire by. */
    private static final Map<String, String> EXPIRY = Map.of(
            "spans", "toDateTime(start_time)",
            "trace_index", "toDateTime(max_end)",
            "endpoint_minutes", "minute");

    private Retention() {}

    /** In a cluster, on the local tables of every node (the Distributed tables hold no rows). */
    static void apply(ClickHouse clickHouse, SchemaLayout layout, int days) {
        String wanted = "toIntervalDay(" + days + ")";
        String database = layout.database();
        EXPIRY.forEach((name, expiry) -> {
            String table = layout.stored(name);
            String definition = createStatement(clickHouse, database, table);
            if (!definition.isEmpty() && !definition.contains(wanted)) {
                log.info("Changing the retention of {}.{} to {} days", database, table, days);
                clickHouse.command("ALTER TABLE " + database + "." + table + " " + layout.onCluster() + " MODIFY TTL "
                        + expiry + " + toIntervalDay(" + days + ")");
            }
        });
    }

    /** The table's {@code CREATE} statement as the engine shows it, or empty when there is no such table. */
    static String createStatement(ClickHouse clickHouse, String database, String table) {
        try (InputStream result = clickHouse.query(
                "SELECT create_table_query FROM system.tables WHERE database = {database:String} AND name = {table:String}",
                Map.of("database", database, "table", table),
                "TSVRaw")) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
