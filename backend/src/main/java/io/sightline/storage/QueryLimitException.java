package io.sightline.storage;

import java.util.Optional;

/**
 * The engine stopped a statement at one of its limits: time, memory or result size. For a read
 * these are {@code sightline.storage.read.*}; the reader can narrow the query or try again later.
 */
public class QueryLimitException extends StorageUnavailableException {

    /** Which limit a statement ran into, and what the reader can do about it. */
    public enum Limit {
        TIME("the query ran longer than a read may (sightline.storage.read.max-execution-time)"),
        MEMORY("the query needed more memory than a read may use (sightline.storage.read.max-memory-usage)"),
        RESULT_SIZE("the result is larger than a read may return (sightline.storage.read.max-result-rows and"
                + " max-result-bytes)");

        private final String explanation;

        Limit(String explanation) {
            this.explanation = explanation;
        }
    }

    private final Limit limit;

    public QueryLimitException(String message, int code, Limit limit) {
        super(message, code);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }

    /** What to tell the reader: the limit, and how to get an answer anyway. Not the engine's text. */
    public String explanation() {
        return limit.explanation + ": narrow the time range or the filters, or try again when the system is less busy";
    }

    /** The limit behind a ClickHouse error code, if it is one. */
    static Optional<Limit> of(int code) {
        return Optional.ofNullable(
                switch (code) {
                    case 159 -> Limit.TIME; // TIMEOUT_EXCEEDED
                    case 241 -> Limit.MEMORY; // MEMORY_LIMIT_EXCEEDED
                    case 158, 396 -> Limit.RESULT_SIZE; // TOO_MANY_ROWS, TOO_MANY_ROWS_OR_BYTES
                    default -> null;
                });
    }
}
