package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.sightline.ingest.IngestOutcome.Refusal;
import io.sightline.span.Span;
import io.sightline.storage.ClickHouseException;
import io.sightline.storage.RowBinary;
import io.sightline.storage.SpanTables;
import io.sightline.storage.StorageFullException;
import io.sightline.storage.StorageUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;

/** The pipeline's outcomes and its commit event, over a port that commits, fails or hangs on demand. */
class IngestPipelineTest {

    /** A minute after the epoch: the fixture spans, starting at 1 s, are inside a week's retention. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(60), ZoneOffset.UTC);

    private final List<Object> published = new CopyOnWriteArrayList<>();
    /** Whether a listener reads the committed spans (forwarding does when it has destinations). */
    private boolean spansRead = true;

    private BatchWriter writer;

    private final ScriptedClickHouse port = new ScriptedClickHouse();

    @AfterEach
    void stop() {
        port.release();
        if (writer != null) {
            writer.close();
        }
    }

    private IngestPipeline pipeline(Duration commitTimeout, Duration inFlightTimeout) {
        return pipeline(
                IngestFixtures.properties(1, Duration.ofMillis(1), commitTimeout, inFlightTimeout), published::add);
    }

    private IngestPipeline pipeline(IngestProperties properties, ApplicationEventPublisher events) {
        writer = new BatchWriter(port, new SpanTables("sightline"), properties, new SimpleMeterRegistry());
        return new IngestPipeline(
                writer,
                new Redactor(List.of()),
                new IngestQuotas(0, project -> OptionalLong.empty(), System::nanoTime),
                properties,
                Duration.ofDays(7),
                CLOCK,
                events,
                () -> spansRead);
    }

    private IngestPipeline pipeline() {
        return pipeline(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void committedSpansAreAcceptedAndAnnouncedAfterTheInsert() {
        IngestOutcome outcome = pipeline().export(request(3, true), 7);

        assertThat(outcome).isEqualTo(new IngestOutcome.Accepted(3, 1, "span without a name", null));
        assertThat(port.insertSizes()).hasSize(1);
        SpansCommitted committed = (SpansCommitted) published.getFirst();
        assertThat(published).hasSize(1);
        assertThat(committed.projectId()).isEqualTo(7);
        assertThat(committed.versions())
                .containsExactly(
                        new SpansCommitted.ServiceVersion("checkout", "2.1.0", "production", Instant.ofEpochSecond(1)));
        assertThat(committed.spans()).as("the spans as stored, for forwarding").hasSize(3);
    }

    @Test
    void withoutAListenerThatReadsSpansTheEventCarriesTheirVersionsAlone() {
        spansRead = false;

        IngestOutcome outcome = pipeline().export(request(3, true), 7);

        assertThat(outcome).isEqualTo(new IngestOutcome.Accepted(3, 1, "span without a name", null));
        SpansCommitted committed = (SpansCommitted) published.getFirst();
        assertThat(committed.versions())
                .containsExactly(
                        new SpansCommitted.ServiceVersion("checkout", "2.1.0", "production", Instant.ofEpochSecond(1)));
        assertThat(committed.spans()).isEmpty();
    }

    @Test
    void aRequestWithOnlyInvalidSpansIsAcceptedWithoutAnInsert() {
        IngestOutcome.Accepted outcome = (IngestOutcome.Accepted) pipeline().export(request(0, true), 7);

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

        IngestOutcome.Accepted outcome = (IngestOutcome.Accepted) pipeline().export(request, 7);

        assertThat(outcome.acceptedSpans()).isEqualTo(3);
        assertThat(outcome.partialSuccessMessage())
                .isEqualTo("1 span(s) rejected; first: span starts 1970-01-01T01:01:00.000000001Z,"
                        + " more than 1 h in the future; check the sender's clock");
        assertThat(port.insertSizes()).hasSize(1);
    }

    @Test
    void aRequestWhoseDataTheEngineRefusesIsRefusedAloneAndPermanently() throws Exception {
        // The engine refuses any insert holding a span named "poison"; the writer is busy at first,
        // so the three requests below wait together for one insert.
        ClickHouseException badData = new ClickHouseException("Code: 53. DB::Exception: type mismatch", 53);
        port.failWhen(rows -> new String(rows, StandardCharsets.ISO_8859_1).contains("poison"), badData);
        port.hold();
        IngestPipeline pipeline = pipeline();
        BatchWriter.Pending blocker = writer.submit(new RowBinary(1).uint8(1), 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> port.insertsStarted() == 1);
        ExportTraceServiceRequest poisoned = request(2, false).toBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .addSpans(SpanNormaliserTest.span("00000000000000aa", "")
                                        .setName("poison"))))
                .build();
        List<CompletableFuture<IngestOutcome>> outcomes = List.of(
                CompletableFuture.supplyAsync(() -> pipeline.export(request(3, false), 7)),
                CompletableFuture.supplyAsync(() -> pipeline.export(poisoned, 8)),
                CompletableFuture.supplyAsync(() -> pipeline.export(request(4, false), 9)));
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.queued() == 3);
        port.release();

        blocker.committed().get();
        assertThat(outcomes.get(0).get()).isEqualTo(new IngestOutcome.Accepted(3, 0, null, null));
        assertThat(outcomes.get(2).get()).isEqualTo(new IngestOutcome.Accepted(4, 0, null, null));
        assertThat(outcomes.get(1).get())
                .isEqualTo(new IngestOutcome.Refused(
                        Refusal.INVALID_DATA,
                        "span storage refused this request's spans: Code: 53. DB::Exception: type mismatch"));
        assertThat(published)
                .extracting(event -> ((SpansCommitted) event).projectId())
                .containsOnly(7L, 9L);
    }

    @Test
    void aRequestNotTakenIntoAnInsertBeforeItsTimeoutIsWithdrawnAndNeverStored() throws Exception {
        port.hold();
        IngestPipeline pipeline = pipeline(Duration.ofMillis(50), Duration.ofSeconds(5));
        BatchWriter.Pending blocker = writer.submit(new RowBinary(1).uint8(1), 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> port.insertsStarted() == 1);

        IngestOutcome outcome = pipeline.export(request(3, false), 7);
        port.release();
        blocker.committed().get();
        BatchWriter.Pending after = writer.submit(new RowBinary(2).uint8(2).uint8(2), 2);
        after.committed().get();

        assertThat(outcome)
                .isEqualTo(new IngestOutcome.Refused(
                        Refusal.COMMIT_TIMEOUT,
                        "span storage did not take the request within 0 s; nothing of it was stored"));
        // Only the blocker and the later request were inserted: the refused request was not, then or later.
        assertThat(port.insertSizes()).containsExactly(1, 2);
        assertThat(published).isEmpty();
    }

    @Test
    void aRequestWhoseInsertRunsPastTheCommitTimeoutWaitsForItsOutcome() throws Exception {
        port.hold();
        IngestPipeline pipeline = pipeline(Duration.ofMillis(50), Duration.ofSeconds(30));

        CompletableFuture<IngestOutcome> outcome =
                CompletableFuture.supplyAsync(() -> pipeline.export(request(3, false), 7));
        await().atMost(Duration.ofSeconds(5)).until(() -> port.insertsStarted() == 1);
        // Well past the commit timeout, the answer still waits for the insert that has the spans.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !outcome.isDone());
        port.release();

        assertThat(outcome.get()).isEqualTo(new IngestOutcome.Accepted(3, 0, null, null));
        assertThat(port.insertSizes()).hasSize(1);
    }

    @Test
    void aFailedInsertIsRefusedAndNotAnnounced() {
        port.failWith(new StorageUnavailableException("engine down", 0));

        IngestOutcome outcome = pipeline().export(request(3, false), 7);

        assertThat(outcome)
                .isEqualTo(new IngestOutcome.Refused(
                        Refusal.STORAGE_UNAVAILABLE, "span storage is unavailable: engine down"));
        assertThat(published).isEmpty();
    }

    @Test
    void anInsertRunningPastBothTimeoutsIsAnsweredAsOfUnknownOutcome() {
        port.hold();

        IngestOutcome outcome =
                pipeline(Duration.ofMillis(20), Duration.ofMillis(50)).export(request(3, false), 7);

        assertThat(outcome)
                .isEqualTo(new IngestOutcome.Refused(
                        Refusal.OUTCOME_UNKNOWN,
                        "span storage is still inserting the request after 0 s; it may still be stored"));
        assertThat(published).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotFailTheRequest() {
        IngestPipeline pipeline = pipeline(
                IngestFixtures.properties(1, Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                event -> {
                    throw new IllegalStateException("listener broke");
                });

        assertThat(pipeline.export(request(2, false), 7)).isEqualTo(new IngestOutcome.Accepted(2, 0, null, null));
    }

    @Test
    void insertFailuresMapToRefusalsWithTheirRetryDelay() {
        assertThat(IngestPipeline.refusal(new ClickHouseException("bad insert", 0)))
                .isEqualTo(new IngestOutcome.Refused(Refusal.STORAGE_FAILED, "span storage failed: bad insert"));
        assertThat(IngestPipeline.refusal(new ClickHouseException("type mismatch", 53)))
                .isEqualTo(new IngestOutcome.Refused(
                        Refusal.INVALID_DATA, "span storage refused this request's spans: type mismatch"));
        assertThat(IngestPipeline.refusal(new StorageUnavailableException("down", 210))
                        .refusal())
                .isEqualTo(Refusal.STORAGE_UNAVAILABLE);
        IngestOutcome.Refused full =
                IngestPipeline.refusal(new StorageFullException("Code: 243. not enough space", 243));
        assertThat(full.refusal()).isEqualTo(Refusal.STORAGE_FULL);
        assertThat(full.message())
                .isEqualTo("span storage is out of disk space, nothing of this request was stored; retry later:"
                        + " Code: 243. not enough space");
        assertThat(Refusal.STORAGE_FULL.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Refusal.STORAGE_FULL.overloaded()).isFalse();

        for (Refusal refusal : List.of(Refusal.OVERLOADED, Refusal.QUOTA_EXCEEDED)) {
            assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(refusal.overloaded()).isTrue();
        }
        for (Refusal refusal : List.of(
                Refusal.STORAGE_UNAVAILABLE,
                Refusal.STORAGE_FAILED,
                Refusal.COMMIT_TIMEOUT,
                Refusal.OUTCOME_UNKNOWN,
                Refusal.SHUTTING_DOWN)) {
            assertThat(refusal.retryAfter()).as(refusal.name()).isEqualTo(Duration.ofSeconds(5));
            assertThat(refusal.overloaded()).as(refusal.name()).isFalse();
            assertThat(refusal.retryable()).as(refusal.name()).isTrue();
        }
        assertThat(Refusal.INVALID_DATA.retryable()).isFalse();
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
    static ExportTraceServiceRequest request(int valid, boolean withInvalid) {
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
