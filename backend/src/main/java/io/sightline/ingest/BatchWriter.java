package io.sightline.ingest;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.ClickHouseException;
import io.sightline.storage.RowBinary;
import io.sightline.storage.SpanTables;
import io.sightline.storage.StorageUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: requests hand over their encoded spans and wait; writer threads gather what is
 * waiting into one insert (up to {@code batchSpans}, or after {@code flushInterval}) and then
 * complete every request in it. An insert costs about the same whatever its size, so batching many
 * requests is what makes throughput. What waits here is bounded by the requests admitted
 * ({@link IngestAdmission}): each waits for its outcome, and one that gives up waiting
 * {@link #withdraw withdraws} its rows first.
 *
 * <p>Guarantees: a request is in at most one insert that commits. An insert that fails for a reason
 * tied to the data ({@link #tiedToData}) is split in halves and retried, down to single requests,
 * so one request's bad data fails only that request, not the others batched with it.
 *
 * <p>Meters: {@code sightline.ingest.commit} (each insert's latency, by outcome), {@code
 * sightline.ingest.batch.spans} (spans per committed insert), and the gauges {@code
 * sightline.ingest.buffer.requests}, {@code .spans} and {@code .bytes} (what waits for a writer).
 */
final class BatchWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    /** ClickHouse's TOO_MANY_PARTS, which it also raises for one insert writing over 100 day partitions. */
    private static final int TOO_MANY_PARTS = 252;

    // NO_SUCH_COLUMN_IN_TABLE, UNKNOWN_TABLE, UNKNOWN_DATABASE, READONLY, NOT_ENOUGH_SPACE,
    // ACCESS_DENIED, AUTHENTICATION_FAILED: the store or its schema is wrong, not any request's data.
    private static final Set<Integer> NOT_DATA_CODES = Set.of(16, 60, 81, 164, 243, 497, 516);

    private final ClickHouse clickHouse;
    private final String table;
    private final int batchSpans;
    private final long flushNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicLong inserts = new AtomicLong();
    private final AtomicLong spansWritten = new AtomicLong();
    private final AtomicLong queuedSpans = new AtomicLong();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Timer committed;
    private final Timer failed;
    private final DistributionSummary batchSizes;
    private volatile boolean closing;

    BatchWriter(ClickHouse clickHouse, SpanTables tables, IngestProperties properties, MeterRegistry registry) {
        this.clickHouse = clickHouse;
        this.table = tables.spans();
        this.batchSpans = properties.batchSpans();
        this.flushNanos = properties.flushInterval().toNanos();
        this.committed = commitTimer(registry, "committed");
        this.failed = commitTimer(registry, "failed");
        this.batchSizes = DistributionSummary.builder("sightline.ingest.batch.spans")
                .description("Spans per committed insert (group commit)")
                .baseUnit("spans")
                .publishPercentileHistogram()
                .maximumExpectedValue(4.0 * batchSpans)
                .register(registry);
        Gauge.builder("sightline.ingest.buffer.requests", queue, BlockingQueue::size)
                .description("Ingest requests waiting for a span writer")
                .register(registry);
        Gauge.builder("sightline.ingest.buffer.spans", queuedSpans, AtomicLong::get)
                .description("Spans waiting for a span writer")
                .baseUnit("spans")
                .register(registry);
        Gauge.builder("sightline.ingest.buffer.bytes", queuedBytes, AtomicLong::get)
                .description("Encoded (RowBinary) bytes waiting for a span writer")
                .baseUnit("bytes")
                .register(registry);
        for (int i = 0; i < properties.writerThreads(); i++) {
            // Platform threads: chDB calls block in native code for the whole insert.
            writers.add(Thread.ofPlatform().name("span-writer-" + i).daemon().start(this::writeUntilClosed));
        }
    }

    /**
     * Queues {@code rows} (encoded {@link SpanRows}) for the next insert. The returned request's
     * {@link Pending#committed()} completes when they are committed, or exceptionally with the
     * storage failure.
     *
     * @throws ClosingException once the writer is closing
     */
    Pending submit(RowBinary rows, int spans) throws ClosingException {
        if (closing) {
            throw new ClosingException();
        }
        Pending pending = new Pending(rows, spans);
        queuedSpans.addAndGet(spans);
        queuedBytes.addAndGet(rows.size());
        queue.add(pending);
        return pending;
    }

    private static Timer commitTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("sightline.ingest.commit")
                .description("Span inserts, from the call to the commit (or failure)")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * Takes {@code pending} back unless a writer has already taken it into an insert: true means it
     * is not and never will be inserted; false means an insert has it and its outcome will come.
     */
    boolean withdraw(Pending pending) {
        if (!pending.state.compareAndSet(Pending.QUEUED, Pending.WITHDRAWN)) {
            return false;
        }
        leftQueue(pending);
        queue.remove(pending); // frees its rows now; a writer polling it meanwhile skips it
        return true;
    }

    long inserts() {
        return inserts.get();
    }

    long spansWritten() {
        return spansWritten.get();
    }

    /** Requests waiting for a writer. */
    int queued() {
        return queue.size();
    }

    /**
     * Whether an insert failure may be caused by the rows themselves, so that inserting fewer of them
     * may succeed: an engine error with a code that is neither "unavailable" nor about the store's
     * schema or access, or one insert touching too many day partitions.
     */
    static boolean tiedToData(Throwable failure) {
        return switch (failure) {
            case StorageUnavailableException e ->
                e.code() == TOO_MANY_PARTS
                        && String.valueOf(e.getMessage()).contains("max_partitions_per_insert_block");
            case ClickHouseException e -> e.code() != 0 && !NOT_DATA_CODES.contains(e.code());
            default -> false;
        };
    }

    private void writeUntilClosed() {
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null && take(first)) {
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

    /** Takes {@code pending} into an insert unless it was withdrawn. */
    private boolean take(Pending pending) {
        if (!pending.take()) {
            return false;
        }
        leftQueue(pending);
        return true;
    }

    private void leftQueue(Pending pending) {
        queuedSpans.addAndGet(-pending.spans);
        queuedBytes.addAndGet(-pending.rows.size());
    }

    private List<Pending> gather(Pending first) throws InterruptedException {
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        int spans = first.spans;
        long deadline = System.nanoTime() + flushNanos;
        while (spans < batchSpans) {
            long wait = deadline - System.nanoTime();
            Pending next = wait > 0 && !closing ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            if (take(next)) {
                batch.add(next);
                spans += next.spans;
            }
        }
        return batch;
    }

    /** Inserts {@code batch} as one insert; on a failure tied to data, each half on its own. */
    private void write(List<Pending> batch) {
        int spans = 0;
        List<RowBinary> chunks = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            spans += pending.spans;
            chunks.add(pending.rows);
        }
        Throwable failure;
        long start = System.nanoTime();
        try {
            clickHouse.insert(table, SpanRows.COLUMNS, chunks);
            committed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSizes.record(spans);
            inserts.incrementAndGet();
            spansWritten.addAndGet(spans);
            batch.forEach(pending -> pending.committed.complete(null));
            return;
        } catch (RuntimeException | Error e) {
            // An Error too (native memory exhausted in the engine): a writer that died of it would
            // leave its batch unanswered, and with every writer gone, ingest with it.
            failure = e;
            failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        if (batch.size() > 1 && tiedToData(failure)) {
            log.warn(
                    "Insert of {} spans from {} requests failed; retrying each half: {}",
                    spans,
                    batch.size(),
                    failure.getMessage());
            write(batch.subList(0, batch.size() / 2));
            write(batch.subList(batch.size() / 2, batch.size()));
            return;
        }
        log.warn("Insert of {} spans from {} requests failed: {}", spans, batch.size(), failure.getMessage());
        for (Pending pending : batch) {
            pending.committed.completeExceptionally(failure);
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

    /** One request's rows on their way: queued, then taken into an insert or withdrawn, never both. */
    static final class Pending {

        private static final int QUEUED = 0;
        private static final int TAKEN = 1;
        private static final int WITHDRAWN = 2;

        private final RowBinary rows;
        private final int spans;
        private final CompletableFuture<Void> committed = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(QUEUED);

        private Pending(RowBinary rows, int spans) {
            this.rows = rows;
            this.spans = spans;
        }

        /** Completes once the rows are committed, or exceptionally with the insert's failure. */
        CompletableFuture<Void> committed() {
            return committed;
        }

        private boolean take() {
            return state.compareAndSet(QUEUED, TAKEN);
        }
    }

    /** The writer is closing: Sightline is stopping. */
    static final class ClosingException extends Exception {
        ClosingException() {
            super("the span writer is closing", null, false, false);
        }
    }
}
