package io.sightline.storage;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The port to ClickHouse: SQL and bytes, spoken identically by the embedded engine (libchdb) and a
 * ClickHouse server. Everything above it is engine-agnostic.
 *
 * <p>Contract, checked by {@code ClickHouseContract} against every engine:
 * <ul>
 *   <li>Parameters are bound by the engine from {@code {name:Type}} placeholders; values are never
 *       spliced into the SQL text. Values are formatted by {@link QueryParameters}.
 *   <li>Calls are thread-safe and may run concurrently.
 *   <li>{@link #insert} returns only once the rows are committed: a query issued after it returns
 *       sees them, and they survive a restart of the engine (or a kill of the process).
 *   <li>Reads ({@link #query}) and writes ({@link #insert}, {@link #command}) use separate engine
 *       capacity: reads holding every read connection never delay an insert.
 *   <li>Every read carries the configured read limits (time, memory, result size) and fails whole
 *       past one, never truncated; writes carry none. A statement that fails leaves nothing behind
 *       for the next one.
 *   <li>Failures are typed: {@link QueryLimitException} when a statement reached one of its
 *       limits, {@link StorageUnavailableException} when the engine cannot take work now (retry
 *       later), {@link ClickHouseException} carrying the engine's message otherwise.
 * </ul>
 */
public interface ClickHouse extends AutoCloseable {

    /**
     * Runs a query and returns its whole result encoded in {@code format} (for example
     * {@code JSONEachRow} or {@code RowBinary}). The caller closes the stream.
     */
    InputStream query(String sql, Map<String, ?> parameters, String format);

    /** Runs a statement that returns nothing useful (DDL, ALTER, OPTIMIZE...). */
    void command(String sql, Map<String, ?> parameters);

    default void command(String sql) {
        command(sql, Map.of());
    }

    /**
     * Inserts rows encoded as {@code RowBinary} for exactly {@code columns}, in that order, and
     * returns once they are committed. An insert either lands whole or fails whole.
     */
    void insert(String table, List<String> columns, byte[] rowBinary);

    /**
     * The same for rows given as several chunks (each holding whole rows), inserted as one insert
     * in the given order. Engines that can stream chunks avoid joining them into one array.
     */
    default void insert(String table, List<String> columns, Collection<RowBinary> chunks) {
        RowBinary all = new RowBinary(chunks.stream().mapToInt(RowBinary::size).sum());
        chunks.forEach(all::append);
        insert(table, columns, all.toByteArray());
    }

    /** A cheap round trip proving the engine answers; throws when it does not. */
    String version();

    /** Which engine this is, for health reports and logs. */
    String engineName();

    @Override
    void close();
}
