package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sightline.storage.ClickHouseException;
import io.sightline.storage.RowBinary;
import io.sightline.storage.SpanTables;
import io.sightline.storage.StorageUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The group-commit logic against a recording port; the real engine is exercised by IngestIT. */
class BatchWriterTest {

    private final ScriptedClickHouse recording = new ScriptedClickHouse().hold();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private BatchWriter writer(int writers) {
        return new BatchWriter(
                recording,
                new SpanTables("sightline"),
                IngestFixtures.properties(writers, Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                registry);
    }

    @Test
    void requestsWaitingTogetherShareOneInsert() throws Exception {
        try (BatchWriter writer = writer(1)) {
            CompletableFuture<Void> blocker = writer.submit(rows(1), 1).committed();
            // Once the writer is stuck in the first insert, the next requests can only wait together.
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.insertsStarted() == 1);
            List<CompletableFuture<Void>> waiting = List.of(
                    writer.submit(rows(10), 10).committed(),
                    writer.submit(rows(20), 20).committed(),
                    writer.submit(rows(30), 30).committed());
            recording.release();

            blocker.get();
            for (CompletableFuture<Void> request : waiting) {
                request.get();
            }
            assertThat(recording.insertSizes()).containsExactly(1, 60);
            assertThat(writer.spansWritten()).isEqualTo(61);
        }
    }

    @Test
    void theBufferGaugesShowWhatWaitsAndEveryCommittedInsertIsMeasured() throws Exception {
        try (BatchWriter writer = writer(1)) {
            CompletableFuture<Void> blocker = writer.submit(rows(1), 1).committed();
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.insertsStarted() == 1);
            CompletableFuture<Void> waiting = writer.submit(rows(10), 10).committed();
            BatchWriter.Pending withdrawn = writer.submit(rows(20), 20);

            assertThat(gauge("sightline.ingest.buffer.requests")).isEqualTo(2);
            assertThat(gauge("sightline.ingest.buffer.spans")).isEqualTo(30);
            assertThat(gauge("sightline.ingest.buffer.bytes")).isEqualTo(30);
            assertThat(writer.withdraw(withdrawn)).isTrue();
            assertThat(gauge("sightline.ingest.buffer.spans")).isEqualTo(10);

            recording.release();
            blocker.get();
            waiting.get();
            assertThat(gauge("sightline.ingest.buffer.spans")).isZero();
            assertThat(gauge("sightline.ingest.buffer.bytes")).isZero();
            assertThat(registry.get("sightline.ingest.commit")
                            .tag("outcome", "committed")
                            .timer()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get("sightline.ingest.batch.spans").summary().totalAmount())
                    .isEqualTo(11);
        }
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void aWithdrawnRequestIsNeverInsertedAndOneInAnInsertCannotBeWithdrawn() throws Exception {
        try (BatchWriter writer = writer(1)) {
            BatchWriter.Pending inInsert = writer.submit(rows(1), 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.insertsStarted() == 1);
            BatchWriter.Pending queued = writer.submit(rows(10), 10);
            BatchWriter.Pending stays = writer.submit(rows(20), 20);

            assertThat(writer.withdraw(queued)).isTrue();
            assertThat(writer.withdraw(inInsert)).isFalse();
            recording.release();

            inInsert.committed().get();
            stays.committed().get();
            assertThat(recording.insertSizes()).containsExactly(1, 20);
            assertThat(queued.committed()).isNotDone();
        }
    }

    @Test
    void aBatchFailingOnOneRequestsDataIsSplitSoTheOthersCommit() throws Exception {
        // TYPE_MISMATCH whenever the insert holds the 7-span request (7 marker bytes of value 7).
        ClickHouseException badData = new ClickHouseException("Code: 53. DB::Exception: type mismatch", 53);
        recording.failWhen(rows -> count(rows, (byte) 0x77) > 0, badData);
        try (BatchWriter writer = writer(1)) {
            BatchWriter.Pending blocker = writer.submit(rows(1), 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.insertsStarted() == 1);
            List<BatchWriter.Pending> good =
                    List.of(writer.submit(rows(2), 2), writer.submit(rows(3), 3), writer.submit(rows(4), 4));
            BatchWriter.Pending bad = writer.submit(marked(7), 7);
            BatchWriter.Pending last = writer.submit(rows(5), 5);
            recording.release();

            blocker.committed().get();
            for (BatchWriter.Pending request : good) {
                request.committed().get();
            }
            last.committed().get();
            assertThatThrownBy(() -> bad.committed().get()).hasCause(badData);
            // The batch of five, then its halves [2, 3] and [4, 7, 5], then [4] and [7, 5], then [7] and [5].
            assertThat(recording.insertSizes()).containsExactly(1, 5, 4, 5);
            assertThat(writer.spansWritten()).isEqualTo(15);
        }
    }

    @Test
    void aFailureOfTheStoreIsNotSplit() throws Exception {
        recording.failWith(new StorageUnavailableException("engine down", 0));
        try (BatchWriter writer = writer(1)) {
            BatchWriter.Pending first = writer.submit(rows(1), 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.insertsStarted() == 1);
            BatchWriter.Pending second = writer.submit(rows(2), 2);
            BatchWriter.Pending third = writer.submit(rows(3), 3);
            recording.release();

            assertThatThrownBy(() -> first.committed().get()).hasCauseInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> third.committed().get()).hasCauseInstanceOf(StorageUnavailableException.class);
            assertThat(second.committed()).isCompletedExceptionally();
            assertThat(recording.insertsStarted()).isEqualTo(2);
        }
    }

    @Test
    void whatIsTiedToDataAndWhatIsNot() {
        assertThat(BatchWriter.tiedToData(new ClickHouseException("type mismatch", 53)))
                .isTrue();
        assertThat(BatchWriter.tiedToData(new StorageUnavailableException(
                        "Too many partitions for single INSERT block (more than 100). The limit is controlled by"
                                + " 'max_partitions_per_insert_block' setting.",
                        252)))
                .isTrue();
        assertThat(BatchWriter.tiedToData(new StorageUnavailableException("Too many parts (300)", 252)))
                .isFalse();
        assertThat(BatchWriter.tiedToData(new ClickHouseException("Unknown table", 60)))
                .isFalse();
        assertThat(BatchWriter.tiedToData(new ClickHouseException("no code", 0)))
                .isFalse();
        assertThat(BatchWriter.tiedToData(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void closingCommitsWhatWasAccepted() throws Exception {
        BatchWriter writer = writer(2);
        CompletableFuture<Void> request = writer.submit(rows(7), 7).committed();
        recording.release();
        writer.close();

        assertThat(request).isCompleted();
        assertThatThrownBy(() -> writer.submit(rows(1), 1)).isInstanceOf(BatchWriter.ClosingException.class);
    }

    /** Stand-in rows whose every byte is 0x77, the marker of bad data. */
    private static RowBinary marked(int spans) {
        RowBinary rows = new RowBinary(spans);
        for (int i = 0; i < spans; i++) {
            rows.uint8(0x77);
        }
        return rows;
    }

    private static long count(byte[] bytes, byte value) {
        long count = 0;
        for (byte b : bytes) {
            count += b == value ? 1 : 0;
        }
        return count;
    }

    /** Stand-in rows: one byte per "span", so insert sizes count spans. */
    private static RowBinary rows(int spans) {
        RowBinary rows = new RowBinary(spans);
        for (int i = 0; i < spans; i++) {
            rows.uint8(i);
        }
        return rows;
    }
}
