package io.sightline.deploys;

import io.sightline.ingest.SpansCommitted;
import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Detected deploy markers: the first time committed spans carry a service version, that version
 * becomes a DETECTED marker dated by its earliest span. The listener only looks the version up in
 * memory (one database write per new version per instance) and hands new ones to its own thread,
 * so ingest's acknowledgement never waits on the metadata database. A write that fails, or that
 * finds the queue full, is logged and forgotten: the next batch from that version tries again.
 * Memory is bounded: past {@link #KNOWN_VERSIONS} the least recently seen version is forgotten, and
 * should it come back it is written once more, which the markers' uniqueness makes harmless.
 */
@Component
class DeployDetector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeployDetector.class);

    private final DeployMarkers repository;
    /** Versions remembered per instance; beyond this the least recently seen is forgotten. */
    static final int KNOWN_VERSIONS = 10_000;

    private final Map<String, Boolean> known;
    private final AtomicLong dropped = new AtomicLong();
    // One thread writes markers in order; a bounded queue caps what waits while the database is slow.
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1_000),
            Thread.ofPlatform().name("deploy-detector").daemon().factory());

    @Autowired
    DeployDetector(DeployMarkers repository) {
        this(repository, KNOWN_VERSIONS);
    }

    DeployDetector(DeployMarkers repository, int capacity) {
        this.repository = repository;
        // Least recently seen first, so versions still reporting stay and a long-gone one makes room.
        this.known = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
    }

    @EventListener
    void on(SpansCommitted committed) {
        // Queued work keeps only the project ID, not the event: it also holds the request's spans.
        long projectId = committed.projectId();
        for (SpansCommitted.ServiceVersion version : committed.versions()) {
            String key = projectId + "\u0000" + version.service() + "\u0000" + version.version() + "\u0000"
                    + version.environment();
            if (known.put(key, Boolean.TRUE) != null) {
                continue;
            }
            try {
                writer.execute(() -> record(projectId, version, key));
            } catch (RejectedExecutionException e) {
                known.remove(key);
                if (dropped.getAndIncrement() % 1_000 == 0) {
                    log.warn("Deploy detection is behind; {} version(s) left for a later batch so far", dropped.get());
                }
            }
        }
    }

    private void record(long project, SpansCommitted.ServiceVersion version, String key) {
        try {
            repository.add(
                    project,
                    version.service(),
                    version.version(),
                    version.environment(),
                    null,
                    version.firstSeen(),
                    DeployMarker.Source.DETECTED);
        } catch (RuntimeException e) {
            known.remove(key);
            log.warn("Could not record the deploy of {} {}: {}", version.service(), version.version(), e.getMessage());
        }
    }

    int knownCount() {
        return known.size();
    }

    /** Writes what is queued (for a few seconds at most), then stops. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
