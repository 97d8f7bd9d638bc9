package io.sightline.storage;

/**
 * The engine's disk is full: nothing can be written until space is freed, then retrying succeeds.
 * A kind of {@link StorageUnavailableException}, told apart so senders and operators hear the cause.
 */
public class StorageFullException extends StorageUnavailableException {

    /** ClickHouse's NOT_ENOUGH_SPACE: a part's space could not be reserved before writing it. */
    private static final int NOT_ENOUGH_SPACE = 243;

    public StorageFullException(String message, int code) {
        super(message, code);
    }

    /** NOT_ENOUGH_SPACE, or a write the operating system refused with ENOSPC (whatever code wraps it). */
    public static boolean isOutOfSpace(int code, String message) {
        return code == NOT_ENOUGH_SPACE || (message != null && message.contains("No space left on device"));
    }
}
