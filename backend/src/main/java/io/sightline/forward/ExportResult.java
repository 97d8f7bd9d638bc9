package io.sightline.forward;

import java.time.Duration;

/** What a destination made of one export request, classified by OTLP's retry rules. */
sealed interface ExportResult {

    /** Taken; {@code rejected} of its spans were refused through OTLP {@code partial_success}. */
    record Sent(long rejected, String message) implements ExportResult {}

    /** Not taken, and worth sending again: after {@code after} when the destination said (else null). */
    record Retry(Duration after, String reason) implements ExportResult {}

    /** Refused for good (a bad request, a bad key, too large): sending it again would fail again. */
    record Failed(String reason) implements ExportResult {}

    /** Export an OTLP request; implementations classify every outcome and throw nothing. */
    interface Sender extends AutoCloseable {

        ExportResult send(io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest request);

        @Override
        void close();
    }
}
