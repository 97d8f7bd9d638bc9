package io.sightline.storage.embedded;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The slice of chDB's C API ({@code programs/local/chdb.h}) that Sightline calls, bound through FFM.
 * Handles are raw addresses; {@link EmbeddedClickHouse} owns their lifetimes.
 */
final class Chdb {

    private final MethodHandle connect;
    private final MethodHandle closeConnection;
    private final MethodHandle queryWithParams;
    private final MethodHandle resultError;
    private final MethodHandle resultBuffer;
    private final MethodHandle resultLength;
    private final MethodHandle destroyResult;
    private final MethodHandle streamInsert;
    private final MethodHandle streamAppend;
    private final MethodHandle streamDone;
    private final MethodHandle streamInsertError;
    private final MethodHandle destroyInsertStream;

    Chdb(Path library) {
        Linker linker = Linker.nativeLinker();
        SymbolLookup symbols = SymbolLookup.libraryLookup(library, Arena.global());
        connect = bind(linker, symbols, "chdb_connect", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        closeConnection = bind(linker, symbols, "chdb_close_conn", FunctionDescriptor.ofVoid(ADDRESS));
        queryWithParams = bind(
                linker,
                symbols,
                "chdb_query_with_params_n",
                FunctionDescriptor.of(
                        ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS,
                        JAVA_LONG));
        resultError = bind(linker, symbols, "chdb_result_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultBuffer = bind(linker, symbols, "chdb_result_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultLength = bind(linker, symbols, "chdb_result_length", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        destroyResult = bind(linker, symbols, "chdb_destroy_query_result", FunctionDescriptor.ofVoid(ADDRESS));
        streamInsert = bind(
                linker,
                symbols,
                "chdb_stream_insert_n",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        streamAppend = bind(
                linker, symbols, "chdb_stream_append", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        streamDone = bind(linker, symbols, "chdb_stream_done", FunctionDescriptor.of(ADDRESS, ADDRESS));
        streamInsertError = bind(linker, symbols, "chdb_stream_insert_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        destroyInsertStream = bind(linker, symbols, "chdb_destroy_insert_stream", FunctionDescriptor.ofVoid(ADDRESS));
    }

    private static MethodHandle bind(Linker linker, SymbolLookup symbols, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol =
                symbols.find(name).orElseThrow(() -> new IllegalStateException("libchdb has no symbol " + name));
        return linker.downcallHandle(symbol, descriptor);
    }

    /** Opens a connection; returns the {@code chdb_connection *} (a pointer to the handle). */
    MemorySegment connect(String... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) {
                argv.setAtIndex(ADDRESS, i, arena.allocateFrom(args[i]));
            }
            MemorySegment connection = (MemorySegment) connect.invokeExact(args.length, argv);
            if (connection.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("chdb_connect failed for " + String.join(" ", args));
            }
            return connection.reinterpret(ADDRESS.byteSize());
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    void close(MemorySegment connectionPointer) {
        try {
            closeConnection.invokeExact(connectionPointer);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Runs one statement; returns the result bytes or throws with the engine's message. */
    byte[] query(MemorySegment connectionPointer, String sql, String format, String[] names, String[] values) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment connection = connectionPointer.get(ADDRESS, 0);
            Bytes query = Bytes.of(arena, sql);
            Bytes fmt = Bytes.of(arena, format);
            MemorySegment nameArray = arena.allocate(ADDRESS, Math.max(1, names.length));
            MemorySegment nameLengths = arena.allocate(JAVA_LONG, Math.max(1, names.length));
            MemorySegment valueArray = arena.allocate(ADDRESS, Math.max(1, names.length));
            MemorySegment valueLengths = arena.allocate(JAVA_LONG, Math.max(1, names.length));
            for (int i = 0; i < names.length; i++) {
                Bytes name = Bytes.of(arena, names[i]);
                Bytes value = Bytes.of(arena, values[i]);
                nameArray.setAtIndex(ADDRESS, i, name.segment());
                nameLengths.setAtIndex(JAVA_LONG, i, name.length());
                valueArray.setAtIndex(ADDRESS, i, value.segment());
                valueLengths.setAtIndex(JAVA_LONG, i, value.length());
            }
            MemorySegment result = (MemorySegment) queryWithParams.invokeExact(
                    connection,
                    query.segment(),
                    query.length(),
                    fmt.segment(),
                    fmt.length(),
                    nameArray,
                    nameLengths,
                    valueArray,
                    valueLengths,
                    (long) names.length);
            return takeResult(result);
        } catch (EngineError e) {
            throw e;
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** Whole rows in {@code bytes[0 .. length)}; an insert may take several. */
    record Chunk(byte[] bytes, int length) {}

    /** Streams the chunks, in order, into one INSERT (without FORMAT clause) and commits it. */
    void insert(MemorySegment connectionPointer, String insertSql, String format, List<Chunk> chunks) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment connection = connectionPointer.get(ADDRESS, 0);
            Bytes query = Bytes.of(arena, insertSql);
            Bytes fmt = Bytes.of(arena, format);
            MemorySegment stream = (MemorySegment)
                    streamInsert.invokeExact(connection, query.segment(), query.length(), fmt.segment(), fmt.length());
            try {
                String error = text((MemorySegment) streamInsertError.invokeExact(stream));
                int state = 0;
                for (int i = 0; error == null && state == 0 && i < chunks.size(); i++) {
                    Chunk chunk = chunks.get(i);
                    MemorySegment data = arena.allocate(Math.max(1, chunk.length()));
                    MemorySegment.copy(chunk.bytes(), 0, data, JAVA_BYTE, 0, chunk.length());
                    state = (int) streamAppend.invokeExact(stream, data, (long) chunk.length());
                }
                if (error == null) {
                    MemorySegment done = (MemorySegment) streamDone.invokeExact(stream);
                    if (state != 0) {
                        error = text((MemorySegment) streamInsertError.invokeExact(stream));
                    }
                    takeResult(done);
                }
                if (error != null) {
                    throw new EngineError(error);
                }
            } finally {
                destroyInsertStream.invokeExact(stream);
            }
        } catch (EngineError e) {
            throw e;
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private byte[] takeResult(MemorySegment result) throws Throwable {
        if (result.equals(MemorySegment.NULL)) {
            throw new EngineError("chDB returned no result");
        }
        try {
            String error = text((MemorySegment) resultError.invokeExact(result));
            if (error != null) {
                throw new EngineError(error);
            }
            long length = (long) resultLength.invokeExact(result);
            MemorySegment buffer = (MemorySegment) resultBuffer.invokeExact(result);
            if (length == 0 || buffer.equals(MemorySegment.NULL)) {
                return new byte[0];
            }
            return buffer.reinterpret(length).toArray(JAVA_BYTE);
        } finally {
            destroyResult.invokeExact(result);
        }
    }

    private static String text(MemorySegment cString) {
        return cString.equals(MemorySegment.NULL)
                ? null
                : cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
    }

    /** The engine's error message for one call. */
    static final class EngineError extends RuntimeException {
        EngineError(String message) {
            super(message);
        }
    }

    private record Bytes(MemorySegment segment, long length) {
        static Bytes of(Arena arena, String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            MemorySegment segment = arena.allocate(utf8.length + 1L);
            MemorySegment.copy(utf8, 0, segment, JAVA_BYTE, 0, utf8.length);
            return new Bytes(segment, utf8.length);
        }
    }
}
