package io.sightline.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.JsonRows;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The gauges {@code sightline.clickhouse.parts} and {@code sightline.clickhouse.bytes} per table of
 * Sightline's database: active parts and their size on disk, from {@code system.parts}. Read every
 * {@code refresh} on a thread of its own, as a read (so it carries the read limits and never takes
 * ingest's engine capacity); a scrape only reads the last values, so a slow engine never slows or
 * hangs a scrape. A failed refresh keeps the last values and is logged.
 */
final class TableSizes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TableSizes.class);

    private static final String SQL = """
            SELECT table, count() AS parts, sum(bytes_on_disk) AS bytes
            FROM system.parts
            WHERE active AND database = {database:String}
            GROUP BY table
            ORDER BY table""";

    private final ClickHouse clickHouse;
    private final String database;
    private final MultiGauge parts;
    private final MultiGauge bytes;
    private final ScheduledExecutorService refresher;

    TableSizes(ClickHouse clickHouse, String database, MeterRegistry registry, Duration refresh) {
        this.clickHouse = clickHouse;
        this.database = database;
        this.parts = MultiGauge.builder("sightline.clickhouse.parts")
                .description("Active ClickHouse parts of a table of Sightline's database")
                .register(registry);
        this.bytes = MultiGauge.builder("sightline.clickhouse.bytes")
                .description("Size on disk of the active parts of a table of Sightline's database")
                .baseUnit("bytes")
                .register(registry);
        this.refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("clickhouse-table-sizes").daemon().factory());
        refresher.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads the sizes now and replaces the gauges' values; on failure keeps the last ones. */
    void refresh() {
        List<JsonNode> rows;
        try {
            rows = JsonRows.read(clickHouse, SQL, Map.of("database", database));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not read table sizes from system.parts; the gauges keep their last values: {}",
                    e.toString());
            return;
        }
        parts.register(
                rows.stream()
                        .map(row ->
                                MultiGauge.Row.of(tags(row), row.get("parts").asDouble()))
                        .toList(),
                true);
        bytes.register(
                rows.stream()
                        .map(row ->
                                MultiGauge.Row.of(tags(row), row.get("bytes").asDouble()))
                        .toList(),
                true);
    }

    private static Tags tags(JsonNode row) {
        return Tags.of("table", row.get("table").asString());
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
