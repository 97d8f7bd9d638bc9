package io.sightline.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sightline.storage.*}: which ClickHouse engine holds the spans, how long, how durably, and
 * what a read may cost.
 *
 * @param fsync whether every insert fsyncs its part's files and directory before it is acknowledged
 *     ({@code fsync_after_insert}, {@code fsync_part_directory} on every table): a 200 then survives a
 *     power loss, not only a crash of the process
 * @param read the limits every read statement carries (never an insert or a schema statement)
 * @param minFreeDiskForInsert span inserts are refused while less than this is free on the data disk,
 *     so an insert never fails half-way (spans stored, trace index not) for want of space
 */
@Validated
@ConfigurationProperties("sightline.storage")
public record StorageProperties(
        @NotNull Mode mode,

        @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*")
        String database,

        @Min(1) @Max(3650) int retentionDays,
        boolean fsync,
        @Valid @NotNull Read read,
        @NotNull DataSize minFreeDiskForInsert,
        @Valid @NotNull Embedded embedded,
        @Valid @NotNull Server server) {

    public enum Mode {
        EMBEDDED,
        SERVER,
        CLUSTER
    }

    /**
     * Limits every read statement carries, so one heavy query cannot hold the engine: past one, the
     * engine stops the statement and the reader gets 503 with the limit named.
     *
     * @param maxExecutionTime {@code max_execution_time}
     * @param maxMemoryUsage {@code max_memory_usage}, per statement
     * @param maxResultRows {@code max_result_rows}: above the largest trace a page shows (a trace is
     *     read as one row per span) and the rows any page or API asks for
     * @param maxResultBytes {@code max_result_bytes}: the whole result is held in the heap, so this
     *     bounds what one read can take of it
     * @param niceness {@code os_thread_priority}: the Unix nice value of a read's engine threads, so
     *     that when the CPU is short the commits ingest waits for run first and reads take what is left
     */
    public record Read(
            @NotNull @DurationMin(seconds = 1) @DurationMax(hours = 1)
            Duration maxExecutionTime,

            @NotNull DataSize maxMemoryUsage,
            @Min(1000) long maxResultRows,
            @NotNull DataSize maxResultBytes,
            @Min(0) @Max(19) int niceness) {

        /** As ClickHouse settings (name → value); a result over a limit fails the statement, never truncates it. */
        public Map<String, String> settings() {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("max_execution_time", Long.toString(Math.max(1, maxExecutionTime.toSeconds())));
            settings.put("max_memory_usage", Long.toString(maxMemoryUsage.toBytes()));
            settings.put("max_result_rows", Long.toString(maxResultRows));
            settings.put("max_result_bytes", Long.toString(maxResultBytes.toBytes()));
            settings.put("result_overflow_mode", "throw");
            settings.put("os_thread_priority", Integer.toString(niceness));
            return settings;
        }
    }

    /**
     * chDB in this process. An empty {@code library} means the build's cache location.
     *
     * @param connections connections for reads: at most this many reads run at once
     * @param writeConnections connections kept for inserts and schema statements, which reads never borrow
     */
    public record Embedded(
            String library,
            @NotNull Path path,
            @Min(1) @Max(64) int connections,
            @Min(1) @Max(16) int writeConnections) {

        public Path libraryPath(String chdbVersion) {
            if (library != null && !library.isBlank()) {
                return Path.of(library);
            }
            String cache = System.getenv("XDG_CACHE_HOME");
            Path base = cache == null || cache.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".cache")
                    : Path.of(cache);
            return base.resolve("sightline")
                    .resolve("chdb")
                    .resolve(chdbVersion)
                    .resolve("libchdb.so");
        }
    }

    /**
     * A ClickHouse server (or, in cluster mode, any node of {@code cluster}) over HTTP.
     *
     * @param readConnections HTTP connections for reads
     * @param writeConnections HTTP connections kept for inserts and schema statements
     * @param insertQuorum cluster mode: replicas that must have written an insert before it returns
     *     ({@code insert_quorum}); {@code auto} is a majority, 1 only the replica written to
     */
    public record Server(
            @NotBlank String url,
            @NotBlank String username,
            String password,
            String cluster,
            @Min(1) @Max(1024) int readConnections,
            @Min(1) @Max(64) int writeConnections,

            @NotBlank @Pattern(regexp = "auto|[1-9][0-9]?") String insertQuorum) {}

    /**
     * Settings every read carries, by mode: the read limits, and in a cluster
     * {@code distributed_product_mode = local}, so a join or {@code IN} over a Distributed table
     * runs on each shard against that shard's local table. Every such subquery in Sightline is
     * joined by trace ID, and a trace lives on one shard, so each shard's join is whole (ClickHouse's
     * default, {@code deny}, refuses these queries once there are two shards).
     */
    public Map<String, String> readSettings() {
        Map<String, String> settings = read.settings();
        if (mode == Mode.CLUSTER) {
            settings.put("distributed_product_mode", "local");
        }
        return settings;
    }

    /**
     * Settings every insert carries, by mode: synchronous on a server (an asynchronous insert
     * would be acknowledged before it is written). In a cluster the insert goes through the
     * Distributed table in the foreground ({@code distributed_foreground_insert}), so it returns
     * only once every shard it touches has written its rows, each on {@code insert_quorum}
     * replicas; in the background (ClickHouse's default) it would return once the rows were queued
     * on the node receiving it. The embedded engine's inserts are synchronous by nature.
     */
    public Map<String, String> insertSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (mode == Mode.EMBEDDED) {
            return settings;
        }
        settings.put("async_insert", "0");
        settings.put("wait_for_async_insert", "1");
        if (mode == Mode.CLUSTER) {
            settings.put("distributed_foreground_insert", "1");
            settings.put("insert_quorum", server.insertQuorum());
        }
        return settings;
    }
}
