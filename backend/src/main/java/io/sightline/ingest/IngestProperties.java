package io.sightline.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sightline.ingest.*}: the OTLP/HTTP endpoint, its admission and its batch writer.
 *
 * @param otlpHttpPort second port serving only {@code POST /v1/traces}; 0 picks a free one, -1 turns it off
 * @param otlpGrpcPort OTLP/gRPC port (Boot's gRPC server serving only TraceService/Export); 0 picks a free one, -1 turns it off
 * @param maxBodyBytes largest accepted body (gRPC: message), after gzip decompression
 * @param maxConcurrentRequests ingest requests in flight at once; beyond, 429 before the body is read
 * @param maxInFlightBytes memory the requests in flight may take, 0 for 40 % of the heap; beyond, 429
 * @param memoryPerBodyByte heap bytes one body byte costs while its request is in flight (body,
 *     decoded protobuf, spans, RowBinary); each request reserves body size × this
 * @param batchSpans the writer inserts once this many spans wait (group commit)
 * @param flushInterval ...or once the oldest waiting request is this old
 * @param writers concurrent inserts, 0 for one per two cores ({@link #writerThreads()})
 * @param commitTimeout a request not taken into an insert within this is withdrawn and answered 503
 * @param inFlightTimeout how much longer a request whose insert is running waits for its outcome
 * @param projectSpansPerSecond each project's ingest quota unless an admin set its own; 0 is unlimited
 * @param limits how much of one span is stored
 * @param secretKeys attribute keys (regular expressions, case-insensitive) whose values are redacted
 * @param maxFutureSkew spans starting further ahead of now than this are rejected (the sender's clock is off);
 *     at most a day, so one request's spans stay within a few day partitions
 */
@Validated
@ConfigurationProperties("sightline.ingest")
public record IngestProperties(
        @Min(-1) @Max(65_535) int otlpHttpPort,
        @Min(-1) @Max(65_535) int otlpGrpcPort,
        @Min(1024) @Max(Integer.MAX_VALUE) long maxBodyBytes,
        @Min(1) int maxConcurrentRequests,
        @Min(0) long maxInFlightBytes,
        @Min(1) @Max(64) int memoryPerBodyByte,
        @Min(1) int batchSpans,
        @NotNull Duration flushInterval,
        @Min(0) @Max(8) int writers,
        @NotNull Duration commitTimeout,
        @NotNull Duration inFlightTimeout,
        @Min(0) long projectSpansPerSecond,
        @Valid @NotNull SpanLimits limits,
        @NotNull List<String> secretKeys,

        @NotNull @DurationMin(seconds = 0) @DurationMax(days = 1)
        Duration maxFutureSkew) {

    /**
     * The insert threads. By default one per two cores: an insert keeps one core busy parsing and
     * writing its part, and the engine's merges need the rest; fewer writers also make larger parts,
     * which are merged fewer times (docs/benchmarks.md).
     */
    public int writerThreads() {
        return writers > 0 ? writers : defaultWriterThreads();
    }

    /** One insert thread per two cores, at least one: the default, also what the engine benchmark compares with. */
    public static int defaultWriterThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
