package io.sightline.ingest;

import io.sightline.storage.ClickHouse;
import io.sightline.storage.ForwardingClickHouse;
import io.sightline.storage.RowBinary;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real engine with faults injected into its inserts, for tests that watch what clients are told
 * when storage fails or crawls: the next insert fails before writing anything, or every insert
 * waits before it writes. Reads and commands pass straight through.
 */
final class FaultyClickHouse extends ForwardingClickHouse {

    private final AtomicReference<Throwable> nextFailure = new AtomicReference<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger inProgress = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;

    FaultyClickHouse(ClickHouse engine) {
        super(engine);
    }

    /** The next insert throws {@code failure} (unchecked: an exception or an error) without writing. */
    void failNextInsert(Throwable failure) {
        nextFailure.set(failure);
    }

    /** Every insert from now on waits this long before writing; zero ends the slowness. */
    void slowInsertsBy(Duration delay) {
        this.delay = delay;
    }

    /** Inserts that failed by injection so far. */
    int failedInserts() {
        return failed.get();
    }

    /** Inserts started and not yet returned. */
    int insertsInProgress() {
        return inProgress.get();
    }

    @Override
    public void insert(String table, List<String> columns, byte[] rowBinary) {
        faultThen(() -> engine.insert(table, columns, rowBinary));
    }

    @Override
    public void insert(String table, List<String> columns, Collection<RowBinary> chunks) {
        faultThen(() -> engine.insert(table, columns, chunks));
    }

    private void faultThen(Runnable insert) {
        inProgress.incrementAndGet();
        try {
            Thread.sleep(delay);
            Throwable failure = nextFailure.getAndSet(null);
            if (failure instanceof RuntimeException exception) {
                failed.incrementAndGet();
                throw exception;
            }
            if (failure instanceof Error error) {
                failed.incrementAndGet();
                throw error;
            }
            insert.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before inserting", e);
        } finally {
            inProgress.decrementAndGet();
        }
    }
}
