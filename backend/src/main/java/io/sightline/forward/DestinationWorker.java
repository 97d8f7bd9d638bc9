package io.sightline.forward;

import io.sightline.retry.Backoff;
import io.sightline.span.OtlpSpans;
import io.sightline.span.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One destination: a queue bounded in spans and one thread that sends it in batches, retrying each
 * batch by OTLP's rules until the destination takes it or refuses it for good. {@link #offer} never
 * blocks: it is called on ingest's request threads, after the commit and before the answer, so a
 * slow or dead destination only fills its queue, and past its capacity new spans are dropped and
 * counted. Every span offered ends counted once: sent, failed (refused for good, or rejected
 * through {@code partial_success}) or dropped (queue full, or still queued at shutdown).
 */
final class DestinationWorker {

    private static final Logger log = LoggerFactory.getLogger(DestinationWorker.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ForwardingProperties.Destination destination;
    private final ExportResult.Sender sender;
    private final Backoff backoff;
    private final ForwardFilter filter;
    private final LinkedBlockingQueue<List<Span>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;
    /** The rest of a request larger than a batch, sent next (the sending thread's alone). */
    private List<Span> carry;

    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    /** Counts since start; {@code queued} includes the batch being sent. */
    record Counts(long queued, long sent, long failed, long dropped) {}

    DestinationWorker(ForwardingProperties.Destination destination, ExportResult.Sender sender, Backoff backoff) {
        this.destination = destination;
        this.sender = sender;
        this.backoff = backoff;
        this.filter = new ForwardFilter(destination.projects(), destination.services());
        this.thread = Thread.ofPlatform()
                .name("forward-" + destination.name())
                .daemon()
                .unstarted(this::run);
    }

    DestinationWorker start() {
        thread.start();
        return this;
    }

    ForwardingProperties.Destination destination() {
        return destination;
    }

    ForwardFilter filter() {
        return filter;
    }

    Counts counts() {
        return new Counts(queued.get(), sent.sum(), failed.sum(), dropped.sum());
    }

    /** Queues the spans this destination takes, or drops and counts them when they do not fit. */
    void offer(List<Span> spans) {
        List<Span> selected = filter.select(spans);
        int count = selected.size();
        if (count == 0) {
            return;
        }
        if (closing) {
            dropped.add(count);
            return;
        }
        if (queued.addAndGet(count) > destination.queueSpans()) {
            queued.addAndGet(-count);
            dropped.add(count);
            return;
        }
        queue.add(selected);
    }

    /** Counts the spans this destination would take as dropped (they could not be matched). */
    void drop(List<Span> spans) {
        dropped.add(filter.select(spans).size());
    }

    private void run() {
        while (!(closing && queue.isEmpty() && carry == null)) {
            List<Span> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                break;
            }
            if (batch != null && !export(batch)) {
                break;
            }
        }
    }

    /** Up to batch-spans spans: whole requests while they fit, a request larger than that in parts. */
    private List<Span> nextBatch() throws InterruptedException {
        List<Span> first = carry != null ? carry : queue.poll(100, TimeUnit.MILLISECONDS);
        carry = null;
        if (first == null) {
            return null;
        }
        int limit = destination.batchSpans();
        if (first.size() > limit) {
            carry = first.subList(limit, first.size());
            return first.subList(0, limit);
        }
        List<Span> batch = new ArrayList<>(first);
        for (List<Span> next = queue.peek(); next != null && batch.size() + next.size() <= limit; next = queue.peek()) {
            batch.addAll(queue.poll());
        }
        return batch;
    }

    /** Sends one batch until it is taken or refused for good; false when interrupted (it is dropped). */
    private boolean export(List<Span> batch) {
        var request = OtlpSpans.request(batch);
        for (int attempt = 1; ; attempt++) {
            ExportResult result = sender.send(request);
            switch (result) {
                case ExportResult.Sent taken -> {
                    long rejected = Math.min(taken.rejected(), batch.size());
                    sent.add(batch.size() - rejected);
                    failed.add(rejected);
                    if (rejected > 0) {
                        warn("rejected " + rejected + " of " + batch.size() + " span(s) through partial_success: "
                                + taken.message());
                    }
                    queued.addAndGet(-batch.size());
                    return true;
                }
                case ExportResult.Failed refused -> {
                    failed.add(batch.size());
                    warn("refused " + batch.size() + " span(s) for good: " + refused.reason());
                    queued.addAndGet(-batch.size());
                    return true;
                }
                case ExportResult.Retry retry -> {
                    Duration wait = backoff.after(attempt, retry.after());
                    warn("did not take " + batch.size() + " span(s) (" + retry.reason() + "); retrying in " + wait);
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException e) {
                        dropped.add(batch.size());
                        queued.addAndGet(-batch.size());
                        return false;
                    }
                }
            }
        }
    }

    /** At most one warning a minute per destination; the counts tell the rest. Header values never appear. */
    private void warn(String what) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY_NANOS) {
            lastWarning = now;
            log.warn("Forwarding destination {} {} (so far: {})", destination.name(), what, counts());
        }
    }

    /** From now on, offered spans are dropped and counted; what is queued is still sent. */
    void stopTaking() {
        closing = true;
    }

    /**
     * Stops taking spans and lets the thread send what is queued until {@code deadline} (System
     * nanos); then interrupts it. Whatever is still queued then is counted dropped and returned.
     */
    long close(long deadline) throws InterruptedException {
        stopTaking();
        long left = deadline - System.nanoTime();
        if (left > 0) {
            thread.join(Duration.ofNanos(left));
        }
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
        long unsent = carry == null ? 0 : carry.size();
        carry = null;
        for (List<Span> spans; (spans = queue.poll()) != null; ) {
            unsent += spans.size();
        }
        dropped.add(unsent);
        queued.addAndGet(-unsent);
        sender.close();
        return unsent;
    }
}
