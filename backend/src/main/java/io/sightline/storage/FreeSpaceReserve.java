package io.sightline.storage;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the spans table refusing inserts while less than {@code sightline.storage.min-free-disk-for-insert}
 * is free on its disk: ClickHouse's {@code min_free_disk_bytes_to_perform_insert}, refused with
 * NOT_ENOUGH_SPACE before anything is written. An insert into spans commits its part and then writes
 * the trace index and the endpoint rollup through materialized views; a disk filling in between fails
 * the insert with its spans stored, and the sender, told 503, stores them twice. Only the spans table
 * holds the reserve, so the views' smaller parts always find room in it.
 */
final class FreeSpaceReserve {

    private static final Logger log = LoggerFactory.getLogger(FreeSpaceReserve.class);
    private static final String SETTING = "min_free_disk_bytes_to_perform_insert";

    private FreeSpaceReserve() {}

    /** In a cluster, on every node's local spans table, where inserts land. */
    static void apply(ClickHouse clickHouse, SchemaLayout layout, long bytes) {
        String database = layout.database();
        String spans = layout.stored("spans");
        String definition = Retention.createStatement(clickHouse, database, spans);
        boolean current = bytes == 0
                ? !definition.contains(SETTING)
                : Pattern.compile(SETTING + " = " + bytes + "\\b")
                        .matcher(definition)
                        .find();
        if (!definition.isEmpty() && !current) {
            log.info("Refusing span inserts while less than {} bytes are free on {}.{}'s disk", bytes, database, spans);
            clickHouse.command("ALTER TABLE " + database + "." + spans + " " + layout.onCluster() + " MODIFY SETTING "
                    + SETTING + " = " + bytes);
        }
    }
}
