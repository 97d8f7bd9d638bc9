package io.sightline.ingest;

import java.time.Duration;

/**
 * What became of one export request, in terms every transport can translate: OTLP/HTTP to a
 * status code and {@code Retry-After}, OTLP/gRPC to a status code and {@code RetryInfo}.
 */
public sealed interface IngestOutcome {

    /**
     * The request's valid spans are committed; {@code rejectedSpans} invalid ones were dropped,
     * {@code rejection} says why the first was (null when none were).
     */
    record Accepted(int acceptedSpans, int rejectedSpans, String rejection) implements IngestOutcome {

        /** The message OTLP's {@code partial_success} carries, or null when nothing was rejected. */
        public String partialSuccessMessage() {
            return rejectedSpans == 0 ? null : rejectedSpans + " span(s) rejected; first: " + rejection;
        }
    }

    /** Nothing of the request was stored; {@code message} says why, for the sender's logs. */
    record Refused(Refusal refusal, String message) implements IngestOutcome {}

    /** Why a request was refused, and what a sender should do about it. */
    enum Refusal {
        /** More spans wait for storage than the buffer holds: over capacity (HTTP 429, gRPC RESOURCE_EXHAUSTED). */
        BUFFER_FULL(Duration.ofSeconds(1)),
        /** The span store cannot take work now (HTTP 503, gRPC UNAVAILABLE), as for the rest below. */
        STORAGE_UNAVAILABLE(Duration.ofSeconds(5)),
        /**
         * The span store's disk is full. Still 503, not 507: OTLP exporters retry only 429, 502, 503
         * and 504 and drop the spans on any other status.
         */
        STORAGE_FULL(Duration.ofSeconds(30)),
        /** The insert failed. */
        STORAGE_FAILED(Duration.ofSeconds(5)),
        /** The insert did not commit within {@code sightline.ingest.commit-timeout}; it may still land. */
        COMMIT_TIMEOUT(Duration.ofSeconds(5)),
        /** The request was interrupted because Sightline is stopping. */
        SHUTTING_DOWN(Duration.ofSeconds(5));

        private final Duration retryAfter;

        Refusal(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        /** Sending the same request again later may succeed; every refusal today is retryable. */
        public boolean retryable() {
            return true;
        }

        /** How long the sender should wait before retrying. */
        public Duration retryAfter() {
            return retryAfter;
        }

        /** Over capacity rather than unable to store: the sender should slow down. */
        public boolean overloaded() {
            return this == BUFFER_FULL;
        }
    }
}
