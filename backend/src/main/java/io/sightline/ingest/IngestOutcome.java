package io.sightline.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Duration;

/**
 * What became of one export request, in terms every transport can translate: OTLP/HTTP to a
 * status code and {@code Retry-After}, OTLP/gRPC to a status code and {@code RetryInfo}.
 */
public sealed interface IngestOutcome {

    /**
     * The request's valid spans are committed; {@code rejectedSpans} invalid ones were dropped,
     * {@code rejection} says why the first was (null when none were). {@code limited} says what the
     * per-span limits cut from stored spans (null when nothing was). Of the rejected spans, {@code
     * outOfWindowSpans} started outside the stored time window; the others were invalid.
     */
    record Accepted(int acceptedSpans, int rejectedSpans, String rejection, String limited, int outOfWindowSpans)
            implements IngestOutcome {

        /** Without spans outside the time window. */
        public Accepted(int acceptedSpans, int rejectedSpans, String rejection, String limited) {
            this(acceptedSpans, rejectedSpans, rejection, limited, 0);
        }

        /** The message OTLP's {@code partial_success} carries, or null when nothing was rejected or cut. */
        public String partialSuccessMessage() {
            String rejected = rejectedSpans == 0 ? null : rejectedSpans + " span(s) rejected; first: " + rejection;
            if (limited == null) {
                return rejected;
            }
            return rejected == null ? limited : rejected + "; " + limited;
        }

        /** OTLP's answer, the same over every transport: {@code partial_success} when spans were rejected or cut. */
        public ExportTraceServiceResponse response() {
            ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
            String message = partialSuccessMessage();
            if (message != null) {
                response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(rejectedSpans)
                        .setErrorMessage(message));
            }
            return response.build();
        }
    }

    /**
     * Nothing of the request was stored; {@code message} says why, for the sender's logs, and
     * {@code retryAfter} when to try again (meaningless for a refusal that is not retryable).
     */
    record Refused(Refusal refusal, String message, Duration retryAfter) implements IngestOutcome {

        Refused(Refusal refusal, String message) {
            this(refusal, message, refusal.retryAfter());
        }
    }

    /** Why a request was refused, and what a sender should do about it. */
    enum Refusal {
        /**
         * Too many requests, or too many of their bytes, are in flight: over capacity (HTTP 429, gRPC
         * RESOURCE_EXHAUSTED), as is the quota below.
         */
        OVERLOADED(Duration.ofSeconds(1)),
        /** The project sends more spans per second than its quota; retry once its bucket has refilled. */
        QUOTA_EXCEEDED(Duration.ofSeconds(1)),
        /** The span store cannot take work now (HTTP 503, gRPC UNAVAILABLE), as for the rest below. */
        STORAGE_UNAVAILABLE(Duration.ofSeconds(5)),
        /**
         * The span store's disk is full. Still 503, not 507: OTLP exporters retry only 429, 502, 503
         * and 504 and drop the spans on any other status.
         */
        STORAGE_FULL(Duration.ofSeconds(30)),
        /** The insert failed for a reason not tied to the request's data. */
        STORAGE_FAILED(Duration.ofSeconds(5)),
        /** The request was not taken into an insert within {@code sightline.ingest.commit-timeout}; it never will be. */
        COMMIT_TIMEOUT(Duration.ofSeconds(5)),
        /**
         * The request's insert was still running after {@code sightline.ingest.in-flight-timeout}: the
         * one refusal after which its spans may still land (the engine hung for that long).
         */
        OUTCOME_UNKNOWN(Duration.ofSeconds(5)),
        /** The request was interrupted because Sightline is stopping. */
        SHUTTING_DOWN(Duration.ofSeconds(5)),
        /**
         * The engine refused this request's data alone (the rest of its batch was committed): sending
         * it again fails again (HTTP 400, gRPC INVALID_ARGUMENT).
         */
        INVALID_DATA(Duration.ZERO);

        private final Duration retryAfter;

        Refusal(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        /** Sending the same request again later may succeed. */
        public boolean retryable() {
            return this != INVALID_DATA;
        }

        /** How long the sender should wait before retrying, unless the refusal says otherwise. */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** Over capacity rather than unable to store: the sender should slow down. */
        public boolean overloaded() {
            return this == OVERLOADED || this == QUOTA_EXCEEDED;
        }
    }
}
