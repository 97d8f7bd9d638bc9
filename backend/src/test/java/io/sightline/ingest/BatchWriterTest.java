package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sightline.storage.RowBinary;
import io.sightline.storage.SpanTables;
import io.sightline.storage.StorageUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The group-commit logic against a recording port; the real engine is exercised by IngestIT. */
class BatchWriterTest {

    private final ScriptedClickHouse recording = new ScriptedClickHouse().hold();

    private BatchWriter writer(int writers, int bufferSpans) {
        return new BatchWriter(
                recording,
                new SpanTables("sightline"),
                new IngestProperties(
                        -1,
                        1 << 20,
                        1000,
                        Duration.ofMillis(50),
                        writers,
                        bufferSpans,
                        Duration.ofSeconds(5),
                        List.of(),
                        Duration.ofHours(1)));
    }

    @Test
    void requestsWaitingTogetherShareOneInsert() throws Exception {
        try (BatchWriter writer = writer(1, 10_000)) {
            CompletableFuture<Void> blocker = writer.submit(rows(1), 1);
            // Once the writer is stuck in the first insert, the next requests can only wait together.
            await().atMost(Duration.ofSeconds(5)).until(() -> recording.insertsStarted() == 1);
            List<CompletableFuture<Void>> waiting =
                    List.of(writer.submit(rows(10), 10), writer.submit(rows(20), 20), writer.submit(rows(30), 30));
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
    void theBufferIsBoundedInSpans() throws Exception {
        try (BatchWriter writer = writer(1, 50)) {
            writer.submit(rows(40), 40);
            assertThatThrownBy(() -> writer.submit(rows(20), 20)).isInstanceOf(BatchWriter.BufferFullException.class);
            recording.release();
        }
    }

    @Test
    void aFailedInsertFailsEveryRequestInIt() throws Exception {
        recording.failWith(new StorageUnavailableException("engine down", 0));
        try (BatchWriter writer = writer(1, 1000)) {
            CompletableFuture<Void> request = writer.submit(rows(5), 5);
            recording.release();

            assertThatThrownBy(request::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(StorageUnavailableException.class);
            // The spans' room in the buffer is given back.
            writer.submit(rows(1000), 1000);
        }
    }

    @Test
    void closingCommitsWhatWasAccepted() throws Exception {
        BatchWriter writer = writer(2, 1000);
        CompletableFuture<Void> request = writer.submit(rows(7), 7);
        recording.release();
        writer.close();

        assertThat(request).isCompleted();
        assertThatThrownBy(() -> writer.submit(rows(1), 1)).isInstanceOf(BatchWriter.BufferFullException.class);
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
