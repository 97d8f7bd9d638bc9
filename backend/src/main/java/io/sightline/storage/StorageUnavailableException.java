package io.sightline.storage;

import java.util.Set;

/** The engine cannot take work now (down, overloaded, out of memory); retrying later may succeed. */
public class StorageUnavailableException extends ClickHouseException {

    // NETWORK_ERROR, SOCKET_TIMEOUT, TIMEOUT_EXCEEDED, MEMORY_LIMIT_EXCEEDED, TOO_MANY_SIMULTANEOUS_QUERIES,
    // TOO_MANY_PARTS, ALL_CONNECTION_TRIES_FAILED, CANNOT_ALLOCATE_MEMORY, TABLE_IS_READ_ONLY
    private static final Set<Integer> TRANSIENT_CODES = Set.of(159, 209, 210, 241, 202, 252, 279, 173, 242);

    public StorageUnavailableException(String message, int code) {
        super(message, code);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, 0, cause);
    }

    public static boolean isTransient(int code) {
        return TRANSIENT_CODES.contains(code);
    }
}
