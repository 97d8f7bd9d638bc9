package io.sightline.forward;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sightline.ingest.CommittedSpansReader;
import io.sightline.ingest.SpansCommitted;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Re-exports committed spans to every configured destination. Listening to {@link SpansCommitted}
 * on the request's thread, it only filters and queues (see {@link DestinationWorker#offer}), so a
 * destination never delays an acknowledgement. Counts are Micrometer meters: {@code
 * sightline.forward.spans} (tags {@code destination}, {@code outcome} = sent, failed, dropped) and
 * the gauge {@code sightline.forward.queue.spans}.
 */
final class Forwarder implements AutoCloseable, CommittedSpansReader {

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    private final List<DestinationWorker> workers;
    private final LongFunction<String> projectNames;
    private final Map<Long, String> knownProjects = new ConcurrentHashMap<>();
    private final boolean filtersProjects;
    private final Duration drainTimeout;

    /** {@code projectName} looks a project's name up; asked once per project, only when a destination filters by project. */
    Forwarder(
            List<DestinationWorker> workers,
            LongFunction<String> projectName,
            Duration drainTimeout,
            MeterRegistry meters) {
        this.workers = List.copyOf(workers);
        this.projectNames = projectName;
        this.filtersProjects =
                workers.stream().anyMatch(worker -> !worker.filter().projects().isEmpty());
        this.drainTimeout = drainTimeout;
        for (DestinationWorker worker : workers) {
            String name = worker.destination().name();
            count(meters, worker, name, "sent", counts -> counts.sent());
            count(meters, worker, name, "failed", counts -> counts.failed());
            count(meters, worker, name, "dropped", counts -> counts.dropped());
            Gauge.builder(
                            "sightline.forward.queue.spans",
                            worker,
                            w -> w.counts().queued())
                    .description("Spans waiting to be forwarded, the batch being sent included")
                    .tag("destination", name)
                    .register(meters);
            log.info("Forwarding committed spans to {}", worker.destination());
        }
    }

    private static void count(
            MeterRegistry meters,
            DestinationWorker worker,
            String name,
            String outcome,
            ToDoubleFunction<DestinationWorker.Counts> count) {
        FunctionCounter.builder("sightline.forward.spans", worker, w -> count.applyAsDouble(w.counts()))
                .description("Spans forwarded (sent), refused for good (failed) or not sent (dropped)")
                .tags("destination", name, "outcome", outcome)
                .register(meters);
    }

    @Override
    public boolean readsSpans() {
        return !workers.isEmpty();
    }

    @EventListener
    void on(SpansCommitted committed) {
        if (workers.isEmpty() || committed.spans().isEmpty()) {
            return;
        }
        String project = filtersProjects ? projectName(committed.projectId()) : "";
        for (DestinationWorker worker : workers) {
            if (project == null && !worker.filter().projects().isEmpty()) {
                worker.drop(committed.spans());
            } else if (project == null || worker.filter().takesProject(project)) {
                worker.offer(committed.spans());
            }
        }
    }

    /** The project's name, or null when the metadata database could not tell (its spans are dropped). */
    private String projectName(long projectId) {
        String name = knownProjects.get(projectId);
        if (name == null) {
            try {
                name = projectNames.apply(projectId);
            } catch (RuntimeException e) {
                log.warn("Forwarding could not look project {} up: {}", projectId, e.toString());
                return null;
            }
            knownProjects.put(projectId, name);
        }
        return name;
    }

    /** Each destination with its counts since start, for admins (no header values). */
    List<Status> status() {
        return workers.stream()
                .map(worker -> {
                    DestinationWorker.Counts counts = worker.counts();
                    ForwardingProperties.Destination destination = worker.destination();
                    return new Status(
                            destination.name(),
                            destination.endpoint().toString(),
                            destination.protocol().toString(),
                            counts.queued(),
                            counts.sent(),
                            counts.failed(),
                            counts.dropped());
                })
                .toList();
    }

    record Status(String name, String endpoint, String protocol, long queued, long sent, long failed, long dropped) {}

    /** Sends what is queued for at most the drain timeout, then drops the rest and says so. */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        workers.forEach(DestinationWorker::stopTaking); // all drain at once, within one timeout
        for (DestinationWorker worker : workers) {
            long unsent = worker.close(deadline);
            DestinationWorker.Counts counts = worker.counts();
            if (unsent > 0) {
                log.warn(
                        "Forwarding destination {} did not take {} queued span(s) within {}; they are dropped (totals: {})",
                        worker.destination().name(),
                        unsent,
                        drainTimeout,
                        counts);
            } else {
                log.info(
                        "Forwarding destination {} stopped (totals: {})",
                        worker.destination().name(),
                        counts);
            }
        }
    }
}
