package io.sightline.ingest;

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
 * {@code sightline.ingest.*}: the OTLP/HTTP endpoint and its batch writer.
 *
 * @param otlpHttpPort second port serving only {@code POST /v1/traces}; 0 picks a free one, -1 turns it off
 * @param maxBodyBytes largest accepted body, after gzip decompression
 * @param batchSpans the writer inserts once this many spans wait (group commit)
 * @param flushInterval ...or once the oldest waiting request is this old
 * @param writers concurrent inserts; the embedded engine gains little beyond two
 * @param bufferSpans spans accepted but not yet committed; beyond this, requests get 429
 * @param commitTimeout a request not committed within this is answered 503 (the exporter retries)
 * @param secretKeys attribute keys (regular expressions, case-insensitive) whose values are redacted
 * @param maxFutureSkew spans starting further ahead of now than this are rejected (the sender's clock is off);
 *     at most a day, so one request's spans stay within a few day partitions
 */
@Validated
@ConfigurationProperties("sightline.ingest")
public record IngestProperties(
        @Min(-1) @Max(65_535) int otlpHttpPort,
        @Min(1024) long maxBodyBytes,
        @Min(1) int batchSpans,
        @NotNull Duration flushInterval,
        @Min(1) @Max(8) int writers,
        @Min(1) int bufferSpans,
        @NotNull Duration commitTimeout,
        @NotNull List<String> secretKeys,

        @NotNull @DurationMin(seconds = 0) @DurationMax(days = 1)
        Duration maxFutureSkew) {}
