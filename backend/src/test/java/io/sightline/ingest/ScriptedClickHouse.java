package io.sightline.ingest;

import io.sightline.storage.ClickHouse;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The ClickHouse port as ingest's unit tests need it: every insert is counted and its size recorded
 * (one byte per stand-in span), and on demand held until released or failed. Reads are not for it.
 */
final class ScriptedClickHouse implements ClickHouse {

    private final AtomicInteger insertsStarted = new AtomicInteger();
    private final List<Integer> insertSizes = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holding;
    private volatile RuntimeException failure;
    private volatile Predicate<byte[]> failingRows = rows -> true;

    /** From now on, inserts wait for {@link #release()}. */
    ScriptedClickHouse hold() {
        holding = true;
        return this;
    }

    /** Lets held and later inserts go on. */
    void release() {
        release.countDown();
    }

    /** From now on, inserts throw {@code failure} (after any hold). */
    void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** From now on, inserts whose rows match {@code rows} throw {@code failure} (after any hold). */
    void failWhen(Predicate<byte[]> rows, RuntimeException failure) {
        this.failingRows = rows;
        this.failure = failure;
    }

    int insertsStarted() {
        return insertsStarted.get();
    }

    /** The sizes of the inserts that succeeded, in order. */
    List<Integer> insertSizes() {
        return insertSizes;
    }

    @Override
    public void insert(String table, List<String> columns, byte[] rowBinary) {
        insertsStarted.incrementAndGet();
        if (holding) {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        if (failure != null && failingRows.test(rowBinary)) {
            throw failure;
        }
        insertSizes.add(rowBinary.length);
    }

    @Override
    public InputStream query(String sql, Map<String, ?> parameters, String format) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void command(String sql, Map<String, ?> parameters) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public String engineName() {
        return "scripted";
    }

    @Override
    public void close() {}
}
