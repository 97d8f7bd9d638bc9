package io.sightline.ingest;

import io.sightline.span.Span;
import java.time.Instant;
import java.util.List;

/**
 * Published once a request's spans are committed: the service versions they came from (those with a
 * {@code service.version}), each with its earliest span start in the request, and the spans as
 * stored (normalised, cut to the limits, redacted) — but only while a {@link CommittedSpansReader}
 * reads them, else none. Listeners run on the request's thread after the commit: they must hand
 * work off at once, never slow the acknowledgement or fail it.
 */
public record SpansCommitted(long projectId, List<ServiceVersion> versions, List<Span> spans) {

    public record ServiceVersion(String service, String version, String environment, Instant firstSeen) {}
}
