package io.sightline.ingest;

/**
 * A listener of {@link SpansCommitted} that reads the spans themselves, not only their service
 * versions (forwarding). A request keeps its spans until its commit only while one {@linkplain
 * #readsSpans() reads them}; otherwise they are dropped as soon as they are encoded, and a request
 * waiting in the group commit holds its encoded rows alone (measured: docs/benchmarks.md).
 */
public interface CommittedSpansReader {

    /** Whether this listener needs {@link SpansCommitted#spans()} now. */
    boolean readsSpans();
}
