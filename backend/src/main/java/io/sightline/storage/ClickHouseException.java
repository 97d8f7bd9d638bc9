package io.sightline.storage;

import java.util.Optional;

/** The engine refused a statement; the message is the engine's own. */
public class ClickHouseException extends RuntimeException {

    private final int code;

    public ClickHouseException(String message, int code) {
        super(message);
        this.code = code;
    }

    public ClickHouseException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** ClickHouse's numeric error code, or 0 when the engine gave none. */
    public int code() {
        return code;
    }

    /** Reads the code out of an engine message such as {@code "Code: 62. DB::Exception: ..."}. */
    static int codeOf(String message) {
        if (message == null) {
            return 0;
        }
        int at = message.indexOf("Code: ");
        if (at < 0) {
            return 0;
        }
        int end = at + 6;
        while (end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
        }
        return end == at + 6 ? 0 : Integer.parseInt(message.substring(at + 6, end));
    }

    public static ClickHouseException fromEngineMessage(String message) {
        return of(message == null ? "unknown engine error" : message.strip(), codeOf(message), null);
    }

    /**
     * The typed failure for an engine error: a limit reached, out of disk space, transient (all three
     * retryable), or the statement's own.
     */
    public static ClickHouseException of(String message, int code, Throwable cause) {
        Optional<QueryLimitException.Limit> limit = QueryLimitException.of(code);
        if (limit.isPresent()) {
            return new QueryLimitException(message, code, limit.get());
        }
        if (StorageFullException.isOutOfSpace(code, message)) {
            return new StorageFullException(message, code);
        }
        if (StorageUnavailableException.isTransient(code)) {
            return new StorageUnavailableException(message, code);
        }
        return new ClickHouseException(message, code, cause);
    }
}
