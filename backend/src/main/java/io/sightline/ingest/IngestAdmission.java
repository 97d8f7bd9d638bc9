package io.sightline.ingest;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission before work: an ingest request is let in only while fewer than {@code maxRequests} are
 * in flight and the memory they may use fits the budget. It reserves before its body is read, grows
 * its reservation as the (decompressed) body turns out larger, and gives it back once answered. A
 * request that does not fit is refused at once, so memory stays bounded whatever the offered load.
 *
 * <p>A body of {@code n} bytes reserves {@code n × memoryPerBodyByte}: the body, its decoded
 * protobuf, the normalised spans and their RowBinary are all alive while the request waits for its
 * commit (see {@code sightline.ingest.memory-per-body-byte}). Nothing here blocks.
 */
final class IngestAdmission {

    /** The refusal of a request that does not fit: too many requests, or their bytes, in flight. */
    static final IngestOutcome.Refused OVERLOADED = new IngestOutcome.Refused(
            IngestOutcome.Refusal.OVERLOADED,
            "Sightline is taking in more requests or bytes than it can hold right now; retry later");

    /** What a request of unknown size reserves first; more is reserved as it turns out larger. */
    static final int FIRST_READ = 64 * 1024;

    private final Semaphore requests;
    private final int maxRequests;
    private final long budget;
    private final AtomicLong available;
    private final int memoryPerBodyByte;

    IngestAdmission(int maxRequests, long budgetBytes, int memoryPerBodyByte) {
        this.requests = new Semaphore(maxRequests);
        this.maxRequests = maxRequests;
        this.budget = budgetBytes;
        this.available = new AtomicLong(budgetBytes);
        this.memoryPerBodyByte = memoryPerBodyByte;
    }

    /** The budget when the setting is 0: 40 % of the heap, the rest left to reads and caches. */
    static long defaultBudget(long configured) {
        return configured > 0 ? configured : Runtime.getRuntime().maxMemory() / 5 * 2;
    }

    /**
     * Lets a request in with room for a body of {@code bodyBytes}, or returns null when it must be
     * refused (too many requests in flight, or the budget is taken).
     */
    Ticket admit(long bodyBytes) {
        if (!requests.tryAcquire()) {
            return null;
        }
        Ticket ticket = new Ticket();
        if (!ticket.grow(bodyBytes)) {
            ticket.close();
            return null;
        }
        return ticket;
    }

    /** Requests admitted and not answered yet. */
    int inFlight() {
        return maxRequests - requests.availablePermits();
    }

    /** Memory not reserved now. */
    long availableBytes() {
        return available.get();
    }

    /** Memory reserved now by the requests in flight. */
    long reservedBytes() {
        return budget - available.get();
    }

    private boolean reserve(long bytes) {
        while (true) {
            long free = available.get();
            if (free < bytes) {
                return false;
            }
            if (available.compareAndSet(free, free - bytes)) {
                return true;
            }
        }
    }

    /** One admitted request's place and reservation; closed when the request is answered. */
    final class Ticket implements AutoCloseable {

        private long bodyBytes;
        private long reserved;
        private boolean closed;

        private Ticket() {}

        /**
         * Makes room for a body of {@code bytes} in total; false when the budget cannot take it. A
         * body that alone exceeds the whole budget reserves all of it, so it runs only alone.
         */
        boolean grow(long bytes) {
            if (bytes <= bodyBytes) {
                return true;
            }
            long wanted = bytes >= budget / memoryPerBodyByte ? budget : bytes * memoryPerBodyByte;
            if (wanted > reserved && !reserve(wanted - reserved)) {
                return false;
            }
            reserved = Math.max(reserved, wanted);
            bodyBytes = bytes;
            return true;
        }

        long bodyBytes() {
            return bodyBytes;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            available.addAndGet(reserved);
            requests.release();
        }
    }
}
