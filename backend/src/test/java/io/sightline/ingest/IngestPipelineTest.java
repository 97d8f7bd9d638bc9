package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.sightline.ingest.IngestOutcome.Refusal;
import io.sightline.span.Span;
import io.sightline.storage.ClickHouseException;
import io.sightline.storage.SpanTables;
import io.sightline.storage.StorageFullException;
import io.sightline.storage.StorageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline's outcomes and its commit event, over a port that commits, fails or hangs on demand. */
class IngestPipelineTest {

    /** A minute after the epoch: the fixture spans, starting at 1 s, are inside a week's retention. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(60), ZoneOffset.UTC);

    private final List<Object> published = new CopyOnWriteArrayList<>();
    private BatchWriter writer;

    private final ScriptedClickHouse port = new ScriptedClickHouse();

    @AfterEach
    void stop() {
        port.release();
        if (writer != null) {
            writer.close();
        }
    }

    private IngestPipeline pipeline(int bufferSpans, Duration commitTimeout) {
        IngestProperties properties = new IngestProperties(
                -1, 1 << 20, 1000, Duration.ofMillis(1), 1, bufferSpans, commitTimeout, List.of(), Duration.ofHours(1));
        writer = new BatchWriter(port, new SpanTables("sightline"), properties);
        return new IngestPipeline(
                writer, new Redactor(List.of()), properties, Duration.ofDays(7), CLOCK, published::add);
    }

    @Test
    void committedSpansAreAcceptedAndAnnouncedAfterTheInsert() {
        IngestOutcome outcome = pipeline(100, Duration.ofSeconds(5)).export(request(3, true), 7);

        assertThat(outcome).isEqualTo(new IngestOutcome.Accepted(3, 1, "span without a name"));
        assertThat(port.insertSizes()).hasSize(1);
        assertThat(published)
                .singleElement()
                .isEqualTo(new SpansCommitted(
                        7,
                        List.of(new SpansCommitted.ServiceVersion(
                                "checkout", "2.1.0", "production", Instant.ofEpochSecond(1)))));
    }

    @Test
    void aRequestWithOnlyInvalidSpansIsAcceptedWithoutAnInsert() {
        IngestOutcome.Accepted outcome =
                (IngestOutcome.Accepted) pipeline(100, Duration.ofSeconds(5)).export(request(0, true), 7);

        assertThat(outcome.partialSuccessMessage()).isEqualTo("1 span(s) rejected; first: span without a name");
        assertThat(port.insertSizes()).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void spansStartingBeyondTheFutureSkewOfTheClockAreRejectedAndTheRestStored() {
        ExportTraceServiceRequest request = request(2, false).toBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(
                                SpanNormaliserTest.resource("checkout", "deployment.environment.name", "production"))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .addSpans(startingAt("00000000000000f1", 3_660_000_000_000L))
                                .addSpans(startingAt("00000000000000f2", 3_660_000_000_001L))))
                .build();

        IngestOutcome.Accepted outcome =
                (IngestOutcome.Accepted) pipeline(100, Duration.ofSeconds(5)).export(request, 7);

        assertThat(outcome.acceptedSpans()).isEqualTo(3);
        assertThat(outcome.partialSuccessMessage())
                .isEqualTo("1 span(s) rejected; first: span starts 1970-01-01T01:01:00.000000001Z,"
                        + " more than 1 h in the future; check the sender's clock");
        assertThat(port.insertSizes()).hasSize(1);
    }

    @Test
    void aFullBufferIsRefusedAsOverloaded() {
        IngestOutcome outcome = pipeline(2, Duration.ofSeconds(5)).export(request(3, false), 7);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        IngestOutcome.Refused.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(Refusal.BUFFER_FULL));
        assertThat(published).isEmpty();
    }

    @Test
    void aFailedInsertIsRefusedAndNotAnnounced() {
        port.failWith(new StorageUnavailableException("engine down", 0));

        IngestOutcome outcome = pipeline(100, Duration.ofSeconds(5)).export(request(3, false), 7);

        assertThat(outcome)
                .isEqualTo(new IngestOutcome.Refused(
                        Refusal.STORAGE_UNAVAILABLE, "span storage is unavailable: engine down"));
        assertThat(published).isEmpty();
    }

    @Test
    void aCommitLaterThanTheTimeoutIsRefused() {
        port.hold();

        IngestOutcome outcome = pipeline(100, Duration.ofMillis(50)).export(request(3, false), 7);

        assertThat(outcome)
                .isEqualTo(new IngestOutcome.Refused(Refusal.COMMIT_TIMEOUT, "span storage did not commit within 0 s"));
        assertThat(published).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheRequest() {
        IngestProperties properties = new IngestProperties(
                -1, 1 << 20, 1000, Duration.ofMillis(1), 1, 100, Duration.ofSeconds(5), List.of(), Duration.ofHours(1));
        writer = new BatchWriter(port, new SpanTables("sightline"), properties);
        IngestPipeline pipeline =
                new IngestPipeline(writer, new Redactor(List.of()), properties, Duration.ofDays(7), CLOCK, event -> {
                    throw new IllegalStateException("listener broke");
                });

        assertThat(pipeline.export(request(2, false), 7)).isEqualTo(new IngestOutcome.Accepted(2, 0, null));
    }

    @Test
    void commitFailuresMapToRefusalsWithTheirRetryDelay() {
        Duration timeout = Duration.ofSeconds(10);

        assertThat(IngestPipeline.refusal(new BatchWriter.BufferFullException(), timeout)
                        .refusal())
                .isEqualTo(Refusal.BUFFER_FULL);
        assertThat(IngestPipeline.refusal(new ExecutionException(new ClickHouseException("bad insert", 0)), timeout))
                .isEqualTo(new IngestOutcome.Refused(Refusal.STORAGE_FAILED, "span storage failed: bad insert"));
        IngestOutcome.Refused full = IngestPipeline.refusal(
                new ExecutionException(new StorageFullException("Code: 243. not enough space", 243)), timeout);
        assertThat(full.refusal()).isEqualTo(Refusal.STORAGE_FULL);
        assertThat(full.message())
                .isEqualTo("span storage is out of disk space, nothing of this request was stored; retry later:"
                        + " Code: 243. not enough space");
        assertThat(Refusal.STORAGE_FULL.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Refusal.STORAGE_FULL.overloaded()).isFalse();
        assertThat(IngestPipeline.refusal(new TimeoutException(), timeout).message())
                .isEqualTo("span storage did not commit within 10 s");
        assertThat(IngestPipeline.refusal(new InterruptedException(), timeout).refusal())
                .isEqualTo(Refusal.SHUTTING_DOWN);

        assertThat(Refusal.BUFFER_FULL.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Refusal.BUFFER_FULL.overloaded()).isTrue();
        for (Refusal refusal : List.of(
                Refusal.STORAGE_UNAVAILABLE, Refusal.STORAGE_FAILED, Refusal.COMMIT_TIMEOUT, Refusal.SHUTTING_DOWN)) {
            assertThat(refusal.retryAfter()).as(refusal.name()).isEqualTo(Duration.ofSeconds(5));
            assertThat(refusal.overloaded()).as(refusal.name()).isFalse();
            assertThat(refusal.retryable()).as(refusal.name()).isTrue();
        }
    }

    @Test
    void eachServiceVersionIsAnnouncedOnceWithItsEarliestStart() {
        List<Span> spans = List.of(
                span("api", "1.0", 30),
                span("api", "1.0", 10),
                span("web", "2.0", 20),
                span("api", "", 5),
                span("api", "1.0", 40),
                span(new String("api"), new String("1.0"), 15));

        SpansCommitted committed = IngestPipeline.committed(3, spans);

        assertThat(committed.projectId()).isEqualTo(3);
        assertThat(committed.versions())
                .containsExactlyInAnyOrder(
                        new SpansCommitted.ServiceVersion("api", "1.0", "prod", Instant.ofEpochSecond(0, 10)),
                        new SpansCommitted.ServiceVersion("web", "2.0", "prod", Instant.ofEpochSecond(0, 20)));
    }

    private static Span span(String service, String version, long startNanos) {
        return Span.builder()
                .service(service)
                .serviceVersion(version)
                .environment("prod")
                .startNanos(startNanos)
                .build();
    }

    private static io.opentelemetry.proto.trace.v1.Span.Builder startingAt(String spanId, long startNanos) {
        return SpanNormaliserTest.span(spanId, "")
                .setStartTimeUnixNano(startNanos)
                .setEndTimeUnixNano(startNanos + 1_000);
    }

    /** {@code valid} spans of checkout 2.1.0 in production starting at 1 s, and one without a name if asked. */
    private static ExportTraceServiceRequest request(int valid, boolean withInvalid) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < valid; i++) {
            scope.addSpans(SpanNormaliserTest.span("00000000000000%02x".formatted(i + 1), ""));
        }
        if (withInvalid) {
            scope.addSpans(SpanNormaliserTest.span("00000000000000ff", "").setName(""));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(
                                SpanNormaliserTest.resource("checkout", "deployment.environment.name", "production"))
                        .addScopeSpans(scope))
                .build();
    }
}
