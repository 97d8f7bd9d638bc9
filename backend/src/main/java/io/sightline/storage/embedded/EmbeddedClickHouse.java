package io.sightline.storage.embedded;

import io.sightline.storage.ClickHouse;
import io.sightline.storage.ClickHouseException;
import io.sightline.storage.QueryParameters;
import io.sightline.storage.RowBinary;
import io.sightline.storage.StorageUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse in this process: chDB's {@code libchdb.so} through FFM, data under one directory.
 *
 * <p>A connection runs one statement at a time, so calls borrow one of a small pool of connections
 * to the same path; the engine itself is shared. Inserts go through chDB's streaming insert, which
 * commits the part before {@code chdb_stream_done} returns.
 */
public final class EmbeddedClickHouse implements ClickHouse {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedClickHouse.class);

    private final Chdb chdb;
    private final BlockingQueue<MemorySegment> idle;
    private final List<MemorySegment> all = new ArrayList<>();
    private final long borrowTimeoutMillis;
    private volatile boolean closed;

    public EmbeddedClickHouse(Path library, Path dataDirectory, int connections, long borrowTimeoutMillis) {
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("The embedded ClickHouse engine (libchdb.so) is not at " + library
                    + ". Build once with ./mvnw -DskipTests package (it fetches the library), or set"
                    + " SIGHTLINE_CHDB_LIBRARY to its location.");
        }
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDirectory, e);
        }
        this.borrowTimeoutMillis = borrowTimeoutMillis;
        this.idle = new ArrayBlockingQueue<>(connections);
        this.chdb = SignalGuard.around(() -> {
            Chdb bound = new Chdb(library);
            for (int i = 0; i < connections; i++) {
                MemorySegment connection = bound.connect(
                        "clickhouse", "--path=" + dataDirectory.toAbsolutePath(), "--session_timezone=UTC");
                all.add(connection);
                idle.add(connection);
            }
            return bound;
        });
        log.info("Embedded ClickHouse {} at {} ({} connections)", version(), dataDirectory, connections);
    }

    @Override
    public InputStream query(String sql, Map<String, ?> parameters, String format) {
        return new ByteArrayInputStream(run(sql, parameters, format));
    }

    @Override
    public void command(String sql, Map<String, ?> parameters) {
        run(sql, parameters, "Null");
    }

    @Override
    public void insert(String table, List<String> columns, byte[] rowBinary) {
        insert(table, columns, List.of(new Chdb.Chunk(rowBinary, rowBinary.length)));
    }

    /** Appends each chunk to the same insert stream: no copy of the whole batch into one array. */
    @Override
    public void insert(String table, List<String> columns, Collection<RowBinary> chunks) {
        insert(
                table,
                columns,
                chunks.stream()
                        .map(rows -> new Chdb.Chunk(rows.array(), rows.size()))
                        .toList());
    }

    private void insert(String table, List<String> columns, List<Chdb.Chunk> chunks) {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ")";
        withConnection(connection -> {
            chdb.insert(connection, sql, "RowBinary", chunks);
            return null;
        });
    }

    @Override
    public String version() {
        return new String(run("SELECT version()", Map.of(), "TSV"), StandardCharsets.UTF_8).strip();
    }

    @Override
    public String engineName() {
        return "embedded";
    }

    private byte[] run(String sql, Map<String, ?> parameters, String format) {
        Map<String, String> text = QueryParameters.format(parameters);
        String[] names = text.keySet().toArray(String[]::new);
        String[] values = text.values().toArray(String[]::new);
        return withConnection(connection -> chdb.query(connection, sql, format, names, values));
    }

    private <T> T withConnection(Function<MemorySegment, T> work) {
        MemorySegment connection = borrow();
        try {
            return work.apply(connection);
        } catch (Chdb.EngineError e) {
            throw ClickHouseException.fromEngineMessage(e.getMessage());
        } finally {
            idle.add(connection);
        }
    }

    private MemorySegment borrow() {
        if (closed) {
            throw new StorageUnavailableException("the embedded engine is shut down", 0);
        }
        try {
            MemorySegment connection = idle.poll(borrowTimeoutMillis, TimeUnit.MILLISECONDS);
            if (connection == null) {
                throw new StorageUnavailableException("all embedded engine connections are busy", 0);
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the engine", e);
        }
    }

    /** Closes every connection; the last close shuts the engine down, which must happen before exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < all.size(); i++) {
            try {
                // A running statement hands its connection back before it is closed.
                MemorySegment connection = idle.poll(30, TimeUnit.SECONDS);
                if (connection != null) {
                    chdb.close(connection);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("Embedded ClickHouse closed");
    }
}
