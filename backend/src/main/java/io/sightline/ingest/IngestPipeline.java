package io.sightline.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.ingest.IngestOutcome.Refusal;
import io.sightline.span.Span;
import io.sightline.span.SpanColumn;
import io.sightline.storage.RowBinary;
import io.sightline.storage.StorageFullException;
import io.sightline.storage.StorageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Everything ingest does between a decoded export request and its answer, whatever the transport:
 * normalise (dropping spans that start outside retention or too far ahead, cutting what exceeds the
 * {@link SpanLimits}), redact and encode as RowBinary span by span (on the caller's thread), take
 * the project's quota, group-commit and wait for the commit. Every outcome is the truth:
 * {@link IngestOutcome.Accepted} means every accepted span is committed; a refusal means nothing of
 * the request was stored (but {@link Refusal#OUTCOME_UNKNOWN}, which says so). After a commit a
 * {@link SpansCommitted} event is published for listeners (deploy detection, forwarding), whose work never
 * delays or fails the outcome.
 */
public final class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final BatchWriter writer;
    private final Redactor redactor;
    private final IngestQuotas quotas;
    private final SpanLimits limits;
    private final Duration commitTimeout;
    private final Duration inFlightTimeout;
    private final Duration retention;
    private final Duration maxFutureSkew;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final BooleanSupplier spansRead;

    IngestPipeline(
            BatchWriter writer,
            Redactor redactor,
            IngestQuotas quotas,
            IngestProperties properties,
            Duration retention,
            Clock clock,
            ApplicationEventPublisher events,
            BooleanSupplier spansRead) {
        this.writer = writer;
        this.redactor = redactor;
        this.quotas = quotas;
        this.limits = properties.limits();
        this.commitTimeout = properties.commitTimeout();
        this.inFlightTimeout = properties.inFlightTimeout();
        this.retention = retention;
        this.maxFutureSkew = properties.maxFutureSkew();
        this.clock = clock;
        this.events = events;
        this.spansRead = spansRead;
    }

    /**
     * The refusal for a project over its quota, to answer before its next body is even read; null
     * when it may send.
     */
    public IngestOutcome.Refused overQuota(long projectId) {
        Duration wait = quotas.owed(projectId);
        return wait == null ? null : quotaRefusal(wait);
    }

    /** Stores {@code request}'s spans for {@code projectId}; returns once they are committed, or refused. */
    public IngestOutcome export(ExportTraceServiceRequest request, long projectId) {
        Encoded encoded = encode(request, projectId);
        int spans = encoded.accepted().acceptedSpans();
        if (spans > 0) {
            Duration wait = quotas.take(projectId, spans);
            if (wait != null) {
                return quotaRefusal(wait);
            }
            IngestOutcome.Refused refused = commit(encoded.rows(), spans);
            if (refused != null) {
                quotas.refund(projectId, spans);
                return refused;
            }
            publish(encoded.committed());
        }
        return encoded.accepted();
    }

    /**
     * A request as it waits for its commit: its rows, its answer if committed, and its event. The
     * spans themselves (twice the rows' size on the heap) stay only if a listener reads them: a
     * request waits about a second in the group commit under load, and what it holds then is live
     * data each young collection copies.
     */
    private record Encoded(RowBinary rows, IngestOutcome.Accepted accepted, SpansCommitted committed) {}

    private Encoded encode(ExportTraceServiceRequest request, long projectId) {
        SpanNormaliser.Window window = SpanNormaliser.Window.around(clock.instant(), retention, maxFutureSkew);
        RowBinary rows = SpanRows.buffer(request.getSerializedSize());
        SpanNormaliser.Result result = SpanNormaliser.normalise(
                request, projectId, redactor, window, limits, span -> SpanColumn.writeRow(span, rows));
        IngestOutcome.Accepted accepted = new IngestOutcome.Accepted(
                result.spans().size(), result.rejected(), result.rejection(), result.limited(), result.outOfWindow());
        SpansCommitted committed = committed(projectId, result.spans());
        return new Encoded(
                rows,
                accepted,
                spansRead.getAsBoolean() ? committed : new SpansCommitted(projectId, committed.versions(), List.of()));
    }

    /**
     * Hands the rows to the writer and waits for the truth: null once they are committed, else why
     * not. A request not taken into an insert within the commit timeout is withdrawn (so a retry
     * cannot store it twice); one whose insert is running waits for that insert's outcome.
     */
    private IngestOutcome.Refused commit(RowBinary rows, int spans) {
        BatchWriter.Pending pending;
        try {
            pending = writer.submit(rows, spans);
        } catch (BatchWriter.ClosingException e) {
            return new IngestOutcome.Refused(Refusal.SHUTTING_DOWN, "Sightline is shutting down");
        }
        try {
            try {
                pending.committed().get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return null;
            } catch (TimeoutException e) {
                if (writer.withdraw(pending)) {
                    return new IngestOutcome.Refused(
                            Refusal.COMMIT_TIMEOUT,
                            "span storage did not take the request within " + commitTimeout.toSeconds()
                                    + " s; nothing of it was stored");
                }
            }
            pending.committed().get(inFlightTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return refusal(e.getCause());
        } catch (TimeoutException e) {
            log.error(
                    "An insert has run for over {}; a request is answered without knowing its outcome",
                    inFlightTimeout);
            return new IngestOutcome.Refused(
                    Refusal.OUTCOME_UNKNOWN,
                    "span storage is still inserting the request after "
                            + commitTimeout.plus(inFlightTimeout).toSeconds() + " s; it may still be stored");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return writer.withdraw(pending)
                    ? new IngestOutcome.Refused(Refusal.SHUTTING_DOWN, "Sightline is shutting down")
                    : new IngestOutcome.Refused(
                            Refusal.OUTCOME_UNKNOWN, "Sightline is shutting down while the request's insert runs");
        }
    }

    /** The refusal for an insert's failure: the request's own data (permanent) or the store (retry). */
    static IngestOutcome.Refused refusal(Throwable failure) {
        if (BatchWriter.tiedToData(failure)) {
            return new IngestOutcome.Refused(
                    Refusal.INVALID_DATA, "span storage refused this request's spans: " + failure.getMessage());
        }
        if (failure instanceof StorageFullException) {
            return new IngestOutcome.Refused(
                    Refusal.STORAGE_FULL,
                    "span storage is out of disk space, nothing of this request was stored; retry later: "
                            + failure.getMessage());
        }
        if (failure instanceof StorageUnavailableException) {
            return new IngestOutcome.Refused(
                    Refusal.STORAGE_UNAVAILABLE, "span storage is unavailable: " + failure.getMessage());
        }
        return new IngestOutcome.Refused(Refusal.STORAGE_FAILED, "span storage failed: " + failure.getMessage());
    }

    private static IngestOutcome.Refused quotaRefusal(Duration wait) {
        return new IngestOutcome.Refused(
                Refusal.QUOTA_EXCEEDED,
                "the project sends more spans per second than its ingest quota; retry after " + wait.toSeconds() + " s",
                wait);
    }

    /** The committed spans, with the service versions of those that carry one, each with its earliest start. */
    static SpansCommitted committed(long projectId, List<Span> spans) {
        Map<List<String>, Long> earliest = new HashMap<>();
        Span previous = null;
        long previousStart = Long.MAX_VALUE;
        for (Span span : spans) {
            if (span.serviceVersion().isEmpty()) {
                continue;
            }
            // A request's spans come in runs from one resource, sharing these very strings: merge a
            // run in locals and touch the map once per run, not once per span (equal strings that
            // are not the same object only cost an extra merge).
            if (previous != null
                    && (span.service() != previous.service()
                            || span.serviceVersion() != previous.serviceVersion()
                            || span.environment() != previous.environment())) {
                earliest.merge(
                        List.of(previous.service(), previous.serviceVersion(), previous.environment()),
                        previousStart,
                        Math::min);
                previousStart = Long.MAX_VALUE;
            }
            previous = span;
            previousStart = Math.min(previousStart, span.startNanos());
        }
        if (previous != null) {
            earliest.merge(
                    List.of(previous.service(), previous.serviceVersion(), previous.environment()),
                    previousStart,
                    Math::min);
        }
        List<SpansCommitted.ServiceVersion> versions = new ArrayList<>(earliest.size());
        earliest.forEach((key, start) -> versions.add(new SpansCommitted.ServiceVersion(
                key.get(0), key.get(1), key.get(2), Instant.ofEpochSecond(0, start))));
        return new SpansCommitted(projectId, versions, spans);
    }

    private void publish(SpansCommitted committed) {
        try {
            events.publishEvent(committed);
        } catch (RuntimeException e) {
            // The spans are committed and the sender is owed its answer; a listener's trouble is its own.
            log.warn("A listener failed on committed spans of project {}: {}", committed.projectId(), e.toString());
        }
    }
}
