package io.sightline.ingest;

import io.sightline.storage.ClickHouse;
import io.sightline.storage.RowBinary;
import io.sightline.storage.SpanTables;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: requests hand over their encoded spans and wait; writer threads gather what is
 * waiting into one insert (up to {@code batchSpans}, or after {@code flushInterval}) and then
 * complete every request in it. An insert costs about the same whatever its size, so batching many
 * requests is what makes throughput. The buffer is bounded in spans: when full, {@link #submit}
 * refuses at once and the caller answers 429.
 */
final class BatchWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final ClickHouse clickHouse;
    private final String table;
    private final int batchSpans;
    private final long flushNanos;
    private final Semaphore bufferedSpans;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicLong inserts = new AtomicLong();
    private final AtomicLong spansWritten = new AtomicLong();
    private volatile boolean closing;

    BatchWriter(ClickHouse clickHouse, SpanTables tables, IngestProperties properties) {
        this.clickHouse = clickHouse;
        this.table = tables.spans();
        this.batchSpans = properties.batchSpans();
        this.flushNanos = properties.flushInterval().toNanos();
        this.bufferedSpans = new Semaphore(properties.bufferSpans());
        for (int i = 0; i < properties.writers(); i++) {
            // Platform threads: chDB calls block in native code for the whole insert.
            writers.add(Thread.ofPlatform().name("span-writer-" + i).daemon().start(this::writeUntilClosed));
        }
    }

    /**
     * Queues {@code rows} (encoded {@link SpanRows}) for the next insert. The future completes when
     * they are committed, or exceptionally with the storage failure.
     *
     * @throws BufferFullException when accepting them would exceed the buffer
     */
    CompletableFuture<Void> submit(RowBinary rows, int spans) throws BufferFullException {
        if (closing || !bufferedSpans.tryAcquire(spans)) {
            throw new BufferFullException();
        }
        Pending pending = new Pending(rows, spans, new CompletableFuture<>());
        queue.add(pending);
        return pending.committed();
    }

    long inserts() {
        return inserts.get();
    }

    long spansWritten() {
        return spansWritten.get();
    }

    private void writeUntilClosed() {
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    write(gather(first));
                }
            } catch (InterruptedException e) {
                if (closing) {
                    continue; // drain what is left before stopping
                }
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<Pending> gather(Pending first) throws InterruptedException {
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        int spans = first.spans();
        long deadline = System.nanoTime() + flushNanos;
        while (spans < batchSpans) {
            long wait = deadline - System.nanoTime();
            Pending next = wait > 0 && !closing ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
            spans += next.spans();
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        int spans = batch.stream().mapToInt(Pending::spans).sum();
        Throwable failure = null;
        try {
            clickHouse.insert(
                    table, SpanRows.COLUMNS, batch.stream().map(Pending::rows).toList());
            inserts.incrementAndGet();
            spansWritten.addAndGet(spans);
        } catch (RuntimeException | Error e) {
            // An Error too (native memory exhausted in the engine): a writer that died of it would
            // leave its batch unanswered and its room in the buffer taken, and with every writer gone,
            // ingest with it.
            log.warn("Insert of {} spans from {} requests failed: {}", spans, batch.size(), e.getMessage());
            failure = e;
        }
        // Give the room back before answering, so a caller told of the outcome finds it free.
        bufferedSpans.release(spans);
        for (Pending pending : batch) {
            if (failure == null) {
                pending.committed().complete(null);
            } else {
                pending.committed().completeExceptionally(failure);
            }
        }
    }

    /** Stops accepting, commits what was accepted, then stops the writers. */
    @Override
    public void close() {
        closing = true;
        for (Thread writer : writers) {
            try {
                writer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private record Pending(RowBinary rows, int spans, CompletableFuture<Void> committed) {}

    /** The buffer holds as many spans as it may; the exporter should retry later. */
    static final class BufferFullException extends Exception {
        BufferFullException() {
            super("the ingest buffer is full", null, false, false);
        }
    }
}
