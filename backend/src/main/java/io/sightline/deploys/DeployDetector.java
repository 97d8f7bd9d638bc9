package io.sightline.deploys;

import io.sightline.ingest.SpansCommitted;
import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Detected deploy markers: the first time committed spans carry a service version, that version
 * becomes a DETECTED marker dated by its earliest span. The listener only looks the version up in
 * memory (one database write per new version per instance) and hands new ones to its own thread,
 * so ingest's acknowledgement never waits on the metadata database. A write that fails, or that
 * finds the queue full, is logged and forgotten: the next batch from that version tries again.
 */
@Component
class DeployDetector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeployDetector.class);

    private final DeployMarkers repository;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    // One thread writes markers in order; a bounded queue caps what waits while the database is slow.
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1_000),
            Thread.ofPlatform().name("deploy-detector").daemon().factory());

    DeployDetector(DeployMarkers repository) {
        this.repository = repository;
    }

    @EventListener
    void on(SpansCommitted committed) {
        for (SpansCommitted.ServiceVersion version : committed.versions()) {
            String key = committed.projectId() + "\u0000" + version.service() + "\u0000" + version.version() + "\u0000"
                    + version.environment();
            if (!known.add(key)) {
                continue;
            }
            try {
                writer.execute(() -> record(committed.projectId(), version, key));
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

    /** Writes what is queued (for a few seconds at most), then stops. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
