package io.sightline.ingest;

import java.time.Instant;
import java.util.List;

/**
 * Published once a request's spans are committed: the service versions they came from (those
 * with a {@code service.version}), each with its earliest span start in the request. Listeners
 * run after the commit and must not slow the acknowledgement or fail it.
 */
public record SpansCommitted(long projectId, List<ServiceVersion> versions) {

    public record ServiceVersion(String service, String version, String environment, Instant firstSeen) {}
}
