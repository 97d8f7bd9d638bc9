package io.sightline.web;

import io.sightline.storage.QueryLimitException;
import io.sightline.storage.StorageUnavailableException;

/**
 * What a reader is told when storage could not serve a read, the same on every API, page and the
 * Jaeger API: the read limit it ran into and how to get an answer anyway, or that storage is busy.
 * Answered 503 with {@code Retry-After}; never the engine's own text.
 */
public final class StorageErrors {

    public static final String RETRY_AFTER_SECONDS = "5";

    private StorageErrors() {}

    public static String message(StorageUnavailableException e) {
        return e instanceof QueryLimitException limit
                ? limit.explanation()
                : "storage cannot serve this read now: try again in a few seconds";
    }
}
