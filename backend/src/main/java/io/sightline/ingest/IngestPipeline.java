package io.sightline.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.ingest.IngestOutcome.Refusal;
import io.sightline.span.Span;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Everything ingest does between a decoded export request and its answer, whatever the transport:
 * normalise (dropping spans that start outside retention or too far ahead), redact, encode as RowBinary (on the caller's thread), group-commit and wait for the
 * commit. {@link IngestOutcome.Accepted} means every accepted span is committed; after that a
 * {@link SpansCommitted} event is published for listeners (deploy detection), whose work never
 * delays or fails the outcome.
 */
public final class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final BatchWriter writer;
    private final Redactor redactor;
    private final Duration commitTimeout;
    private final Duration retention;
    private final Duration maxFutureSkew;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    IngestPipeline(
            BatchWriter writer,
            Redactor redactor,
            IngestProperties properties,
            Duration retention,
            Clock clock,
            ApplicationEventPublisher events) {
        this.writer = writer;
        this.redactor = redactor;
        this.commitTimeout = properties.commitTimeout();
        this.retention = retention;
        this.maxFutureSkew = properties.maxFutureSkew();
        this.clock = clock;
        this.events = events;
    }

    /** Stores {@code request}'s spans for {@code projectId}; returns once they are committed, or refused. */
    public IngestOutcome export(ExportTraceServiceRequest request, long projectId) {
        SpanNormaliser.Window window = SpanNormaliser.Window.around(clock.instant(), retention, maxFutureSkew);
        SpanNormaliser.Result result = SpanNormaliser.normalise(request, projectId, redactor, window);
        List<Span> spans = result.spans();
        if (!spans.isEmpty()) {
            try {
                writer.submit(SpanRows.encode(spans, request.getSerializedSize()), spans.size())
                        .get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (BatchWriter.BufferFullException | ExecutionException | TimeoutException e) {
                return refusal(e, commitTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return refusal(e, commitTimeout);
            }
            publish(committed(projectId, spans));
        }
        return new IngestOutcome.Accepted(spans.size(), result.rejected(), result.rejection());
    }

    /** The refusal for a failed hand-over or commit. */
    static IngestOutcome.Refused refusal(Exception failure, Duration commitTimeout) {
        return switch (failure) {
            case BatchWriter.BufferFullException e ->
                new IngestOutcome.Refused(
                        Refusal.BUFFER_FULL,
                        "Sightline is taking in more spans than it can store right now; retry later");
            case ExecutionException e
            when e.getCause() instanceof StorageFullException ->
                new IngestOutcome.Refused(
                        Refusal.STORAGE_FULL,
                        "span storage is out of disk space, nothing of this request was stored; retry later: "
                                + e.getCause().getMessage());
            case ExecutionException e
            when e.getCause() instanceof StorageUnavailableException ->
                new IngestOutcome.Refused(
                        Refusal.STORAGE_UNAVAILABLE,
                        "span storage is unavailable: " + e.getCause().getMessage());
            case ExecutionException e ->
                new IngestOutcome.Refused(
                        Refusal.STORAGE_FAILED,
                        "span storage failed: " + e.getCause().getMessage());
            case TimeoutException e ->
                new IngestOutcome.Refused(
                        Refusal.COMMIT_TIMEOUT,
                        "span storage did not commit within " + commitTimeout.toSeconds() + " s");
            case InterruptedException e ->
                new IngestOutcome.Refused(Refusal.SHUTTING_DOWN, "Sightline is shutting down");
            default -> throw new IllegalArgumentException("not a commit failure", failure);
        };
    }

    /** The service versions of committed spans that carry one, each with its earliest start. */
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
        return new SpansCommitted(projectId, versions);
    }

    private void publish(SpansCommitted committed) {
        if (committed.versions().isEmpty()) {
            return;
        }
        try {
            events.publishEvent(committed);
        } catch (RuntimeException e) {
            // The spans are committed and the sender is owed its answer; a listener's trouble is its own.
            log.warn("A listener failed on committed spans of project {}: {}", committed.projectId(), e.toString());
        }
    }
}
