package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The {@link ClickHouse} port's contract, run against every engine: implement {@link #clickHouse()}.
 * Each test works in its own table, so engines holding other data are fine.
 */
public interface ClickHouseContract {

    ClickHouse clickHouse();

    @Test
    default void parametersOfEveryTypeAreBoundByTheEngine() {
        String tricky = "it's a \"quote\", a back\\slash,\ta tab,\na newline and ünïcödé ✓";
        Instant instant = Instant.parse("2026-11-24T12:34:56.123456789Z");

        assertThat(text("SELECT {s:String}", Map.of("s", tricky))).isEqualTo(tricky + "\n");
        assertThat(text("SELECT {i:Int64}", Map.of("i", -42L))).isEqualTo("-42\n");
        assertThat(text("SELECT {u:UInt64}", Map.of("u", Long.toUnsignedString(-1L))))
                .isEqualTo("18446744073709551615\n");
        assertThat(text("SELECT {f:Float64}", Map.of("f", 0.25))).isEqualTo("0.25\n");
        assertThat(text("SELECT arrayStringConcat({a:Array(String)}, '|')", Map.of("a", List.of("a'b", "c\\d", "e,f"))))
                .isEqualTo("a'b|c\\d|e,f\n");
        assertThat(text("SELECT toUnixTimestamp64Nano(fromUnixTimestamp64Nano({t:Int64}))", Map.of("t", instant)))
                .isEqualTo(QueryParameters.epochNanos(instant) + "\n");
    }

    @Test
    default void injectedSqlStaysData() {
        String attack = "x'); DROP TABLE system.one; --";
        assertThat(text("SELECT {s:String}", Map.of("s", attack)).strip()).isEqualTo(attack);
        assertThat(text("SELECT count() FROM system.one", Map.of()).strip()).isEqualTo("1");
    }

    @Test
    default void resultsComeInTheRequestedFormat() throws IOException {
        assertThat(text("SELECT 1 AS one, 'a' AS letter", Map.of(), "JSONEachRow")
                        .strip())
                .isEqualTo("{\"one\":1,\"letter\":\"a\"}");
        try (InputStream binary = clickHouse().query("SELECT toUInt32(258)", Map.of(), "RowBinary")) {
            assertThat(ByteBuffer.wrap(binary.readAllBytes())
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getInt())
                    .isEqualTo(258);
        }
        assertThat(text("SELECT number FROM numbers(0)", Map.of())).isEmpty();
    }

    @Test
    default void largeResultsArriveWhole() throws IOException {
        try (InputStream rows = clickHouse().query("SELECT number FROM numbers(1000000)", Map.of(), "TSV")) {
            assertThat(new String(rows.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .count())
                    .isEqualTo(1_000_000);
        }
    }

    @Test
    default void errorsCarryTheEnginesCodeAndMessage() {
        assertThatThrownBy(() -> clickHouse().command("SELEKT 1", Map.of()))
                .isInstanceOf(ClickHouseException.class)
                .satisfies(e -> assertThat(((ClickHouseException) e).code()).isEqualTo(62))
                .hasMessageContaining("Syntax error");
        assertThatThrownBy(() -> text("SELECT * FROM no_such_database.no_such_table", Map.of()))
                .isInstanceOf(ClickHouseException.class)
                .satisfies(e -> assertThat(((ClickHouseException) e).code()).isIn(60, 81));
    }

    @Test
    default void concurrentQueriesEachGetTheirOwnAnswer() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                long n = 100_000 + i;
                answers.add(threads.submit(
                        (Callable<String>) () -> text("SELECT sum(number) FROM numbers({n:UInt64})", Map.of("n", n))
                                .strip()));
            }
            for (int i = 0; i < answers.size(); i++) {
                long n = 100_000 + i;
                assertThat(answers.get(i).get()).isEqualTo(Long.toString(n * (n - 1) / 2));
            }
        } finally {
            threads.shutdown();
        }
    }

    @Test
    default void anInsertIsVisibleOnceItReturnsAndAFailedOneLandsNothing() {
        String table = "default.contract_" + UUID.randomUUID().toString().replace("-", "");
        clickHouse()
                .command(
                        "CREATE TABLE " + table + " (id UInt32, name String) ENGINE = MergeTree ORDER BY id", Map.of());
        try {
            RowBinary rows = new RowBinary(64);
            for (int i = 0; i < 1000; i++) {
                rows.uint32(i).string("row " + i);
            }
            clickHouse().insert(table, List.of("id", "name"), rows.toByteArray());
            assertThat(text("SELECT count(), max(name) FROM " + table, Map.of()).strip())
                    .isEqualTo("1000\trow 999");

            byte[] truncated =
                    new RowBinary(8).uint32(5).varint(100).toByteArray(); // a string promising 100 bytes, giving none
            assertThatThrownBy(() -> clickHouse().insert(table, List.of("id", "name"), truncated))
                    .isInstanceOf(ClickHouseException.class);
            assertThat(text("SELECT count() FROM " + table, Map.of()).strip()).isEqualTo("1000");
        } finally {
            clickHouse().command("DROP TABLE IF EXISTS " + table, Map.of());
        }
    }

    /**
     * Reads holding every read connection (12 slow reads, more than either engine's read pool in
     * these tests, each 5 s) never delay an insert: it commits while every one of them is still
     * running or waiting.
     */
    @Test
    default void readsHoldingEveryReadConnectionDoNotDelayAnInsert() throws Exception {
        String table = "default.contract_" + UUID.randomUUID().toString().replace("-", "");
        clickHouse().command("CREATE TABLE " + table + " (id UInt32) ENGINE = MergeTree ORDER BY id", Map.of());
        ExecutorService readers = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                reads.add(readers.submit((Callable<String>) () -> text(
                        "SELECT count() FROM numbers(5) WHERE sleepEachRow(1) = 0 SETTINGS max_block_size = 1",
                        Map.of())));
            }
            Thread.sleep(1_000); // let the reads take every read connection (nothing to await: each blocks)

            clickHouse().insert(table, List.of("id"), new RowBinary(4).uint32(7).toByteArray());

            assertThat(reads)
                    .as("no read had finished when the insert returned")
                    .noneMatch(Future::isDone);
            assertThat(text("SELECT count() FROM " + table, Map.of()).strip()).isEqualTo("1");
            for (Future<String> read : reads) {
                assertThat(read.get().strip()).isEqualTo("5");
            }
        } finally {
            readers.shutdownNow();
            clickHouse().command("DROP TABLE IF EXISTS " + table, Map.of());
        }
    }

    /**
     * Requests run on virtual threads. Slow reads from as many virtual threads as there are read
     * connections must leave the other virtual threads running: a statement blocking in native code
     * on a virtual thread pins its carrier, and with every carrier pinned no request at all (ingest
     * included) would run until a read ended.
     */
    @Test
    default void slowReadsFromVirtualThreadsLeaveOtherVirtualThreadsRunning() throws Exception {
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < Math.max(4, Runtime.getRuntime().availableProcessors()); i++) {
                reads.add(requests.submit(() -> text(
                        "SELECT count() FROM numbers(4) WHERE sleepEachRow(1) = 0 SETTINGS max_block_size = 1",
                        Map.of())));
            }
            Thread.sleep(500); // let the reads start (nothing to await: each blocks)

            long started = System.nanoTime();
            requests.submit(() -> {}).get();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(tookMillis)
                    .as("a virtual thread ran while the reads blocked (they take 4 s)")
                    .isLessThan(2_000);
            assertThat(reads).as("no read had finished").noneMatch(Future::isDone);
            for (Future<String> read : reads) {
                assertThat(read.get().strip()).isEqualTo("4");
            }
        }
    }

    /** Reads carry the read limits; a statement on the write side (insert, command) carries none. */
    @Test
    default void readLimitsApplyToReadsOnly() {
        String table = "default.contract_" + UUID.randomUUID().toString().replace("-", "");
        clickHouse()
                .command("CREATE TABLE " + table + " (setting String) ENGINE = MergeTree ORDER BY tuple()", Map.of());
        try {
            assertThat(text(
                                    "SELECT getSetting('max_execution_time') > 0, getSetting('result_overflow_mode'),"
                                            + " getSetting('os_thread_priority') > 0",
                                    Map.of())
                            .strip())
                    .isEqualTo("1\tthrow\t1");
            clickHouse()
                    .command(
                            "INSERT INTO " + table + " SELECT concat(toString(getSetting('max_execution_time')), ' ',"
                                    + " toString(getSetting('os_thread_priority')))",
                            Map.of());
            assertThat(text("SELECT * FROM " + table, Map.of()).strip()).isEqualTo("0 0");
        } finally {
            clickHouse().command("DROP TABLE IF EXISTS " + table, Map.of());
        }
    }

    /**
     * A statement that fails after part of its result was written leaves nothing behind: every
     * later statement, on whichever connection, gets its own answer (chDB hands a connection's
     * leftovers to its next statement unless the connection is replaced).
     */
    @Test
    default void aStatementFailingPartWayLeavesNothingForTheNext() {
        assertThatThrownBy(() -> text(
                        "SELECT number, throwIf(number = 1500000, 'part-way') FROM numbers(2000000)"
                                + " SETTINGS max_block_size = 65536",
                        Map.of()))
                .isInstanceOf(ClickHouseException.class)
                .hasMessageContaining("part-way");
        for (int i = 0; i < 32; i++) {
            assertThat(text("SELECT {i:UInt32}", Map.of("i", i))).isEqualTo(i + "\n");
        }
    }

    /** A result over the read's row limit fails whole and typed, never arrives truncated. */
    @Test
    default void aResultOverTheRowLimitFailsTyped() {
        assertThatThrownBy(() -> text("SELECT number FROM numbers(getSetting('max_result_rows') + 1)", Map.of()))
                .isInstanceOfSatisfying(
                        QueryLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(QueryLimitException.Limit.RESULT_SIZE));
    }

    private String text(String sql, Map<String, ?> parameters) {
        return text(sql, parameters, "TSVRaw");
    }

    private String text(String sql, Map<String, ?> parameters, String format) {
        try (InputStream result = clickHouse().query(sql, parameters, format)) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
