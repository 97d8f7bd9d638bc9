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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse in this process: chDB's {@code libchdb.so} through FFM, data under one directory.
 *
 * <p>A connection runs one statement at a time, so calls borrow a connection to the same path; the
 * engine itself is shared. Reads borrow from one pool, inserts and schema statements from another,
 * so reads holding every read connection never delay a commit. The read connections are opened
 * with the read settings (chDB takes settings as connection arguments, each connection its own),
 * the write connections without. Inserts go through chDB's streaming insert, which commits the
 * part before {@code chdb_stream_done} returns.
 *
 * <p>A call from a virtual thread runs its statement on one of the pool's platform threads and waits
 * for it there: a virtual thread blocked in a native call pins its carrier, and a few slow reads
 * pinning every carrier (one per core) would stop every other request, ingest included.
 */
public final class EmbeddedClickHouse implements ClickHouse {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedClickHouse.class);

    private final Chdb chdb;
    private final Pool reads;
    private final Pool writes;
    private final long borrowTimeoutMillis;
    private volatile boolean closed;

    /**
     * @param readConnections connections for {@link #query}
     * @param writeConnections connections for {@link #insert} and {@link #command}
     * @param readSettings ClickHouse settings (name → value) of every read connection
     */
    public EmbeddedClickHouse(
            Path library,
            Path dataDirectory,
            int readConnections,
            int writeConnections,
            Map<String, String> readSettings,
            long borrowTimeoutMillis) {
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
        List<String> arguments =
                List.of("clickhouse", "--path=" + dataDirectory.toAbsolutePath(), "--session_timezone=UTC");
        List<String> readArguments = new ArrayList<>(arguments);
        readSettings.forEach((name, value) -> readArguments.add("--" + name + "=" + value));
        this.chdb = SignalGuard.around(() -> new Chdb(library));
        this.writes = SignalGuard.around(() -> new Pool("write", writeConnections, arguments));
        this.reads = SignalGuard.around(() -> new Pool("read", readConnections, readArguments));
        log.info(
                "Embedded ClickHouse {} at {} ({} read and {} write connections)",
                version(),
                dataDirectory,
                readConnections,
                writeConnections);
    }

    @Override
    public InputStream query(String sql, Map<String, ?> parameters, String format) {
        return new ByteArrayInputStream(run(reads, sql, parameters, format));
    }

    @Override
    public void command(String sql, Map<String, ?> parameters) {
        run(writes, sql, parameters, "Null");
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
        withConnection(writes, connection -> {
            chdb.insert(connection, sql, "RowBinary", chunks);
            return null;
        });
    }

    @Override
    public String version() {
        return new String(run(reads, "SELECT version()", Map.of(), "TSV"), StandardCharsets.UTF_8).strip();
    }

    @Override
    public String engineName() {
        return "embedded";
    }

    private byte[] run(Pool pool, String sql, Map<String, ?> parameters, String format) {
        Map<String, String> text = QueryParameters.format(parameters);
        String[] names = text.keySet().toArray(String[]::new);
        String[] values = text.values().toArray(String[]::new);
        return withConnection(pool, connection -> chdb.query(connection, sql, format, names, values));
    }

    private <T> T withConnection(Pool pool, Function<MemorySegment, T> work) {
        MemorySegment connection = pool.borrow();
        if (!Thread.currentThread().isVirtual()) {
            return runOn(pool, connection, work);
        }
        Future<T> statement = pool.statements.submit(() -> runOn(pool, connection, work));
        try {
            return statement.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            // The statement runs on and hands its connection back when it ends.
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the engine", e);
        }
    }

    /** Runs {@code work} on {@code connection} on this thread, then hands the connection back. */
    private <T> T runOn(Pool pool, MemorySegment connection, Function<MemorySegment, T> work) {
        T result;
        try {
            result = work.apply(connection);
        } catch (Chdb.EngineError e) {
            pool.replaceBroken(connection);
            throw ClickHouseException.fromEngineMessage(e.getMessage());
        } catch (RuntimeException | Error e) {
            pool.idle.add(connection);
            throw e;
        }
        pool.idle.add(connection);
        return result;
    }

    /** Closes every connection; the last close shuts the engine down, which must happen before exit. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reads.close() && writes.close()) {
            log.info("Embedded ClickHouse closed");
        }
    }

    /** Connections opened with the same arguments, each lent to one statement at a time. */
    private final class Pool {

        private final String name;
        private final int size;
        private final String[] arguments;
        private final BlockingQueue<MemorySegment> idle;
        /** Platform threads for statements of virtual threads: one per connection, so none waits here. */
        private final ExecutorService statements;

        Pool(String name, int size, List<String> arguments) {
            this.name = name;
            this.size = size;
            this.arguments = arguments.toArray(String[]::new);
            this.idle = new ArrayBlockingQueue<>(size);
            this.statements = Executors.newFixedThreadPool(
                    size,
                    Thread.ofPlatform().name("chdb-" + name + "-", 0).daemon().factory());
            for (int i = 0; i < size; i++) {
                idle.add(chdb.connect(this.arguments));
            }
        }

        /**
         * Puts a fresh connection in the place of one whose statement failed. chDB keeps what a
         * statement that failed part-way (a read limit, say) had already written, and hands it out
         * as the result of the connection's next statement: another reader's query would get it.
         */
        void replaceBroken(MemorySegment broken) {
            MemorySegment fresh;
            try {
                fresh = SignalGuard.around(() -> chdb.connect(arguments));
            } catch (RuntimeException e) {
                log.warn("Cannot open a {} connection to replace a failed one; draining it instead", name, e);
                drain(broken);
                idle.add(broken);
                return;
            }
            idle.add(fresh);
            chdb.close(broken);
        }

        /** The statement after a failed one returns the failed one's leftovers; this one takes them. */
        private void drain(MemorySegment broken) {
            try {
                chdb.query(broken, "SELECT 1", "Null", new String[0], new String[0]);
            } catch (Chdb.EngineError e) {
                log.warn("Draining a failed {} connection failed too: {}", name, e.getMessage());
            }
        }

        MemorySegment borrow() {
            if (closed) {
                throw new StorageUnavailableException("the embedded engine is shut down", 0);
            }
            try {
                MemorySegment connection = idle.poll(borrowTimeoutMillis, TimeUnit.MILLISECONDS);
                if (connection == null) {
                    throw new StorageUnavailableException("all embedded engine " + name + " connections are busy", 0);
                }
                return connection;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageUnavailableException("interrupted while waiting for the engine", e);
            }
        }

        /** Waits for each running statement to hand its connection back, then closes it; false if interrupted. */
        boolean close() {
            statements.shutdown();
            for (int i = 0; i < size; i++) {
                try {
                    MemorySegment connection = idle.poll(30, TimeUnit.SECONDS);
                    if (connection != null) {
                        chdb.close(connection);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
