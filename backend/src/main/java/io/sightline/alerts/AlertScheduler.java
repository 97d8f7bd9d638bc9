package io.sightline.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Evaluates every rule each {@code sightline.alerts.evaluation-interval}, on one thread of its own, so
 * evaluation never takes a request's or ingest's thread (its reads use the engine's read connections,
 * like any page). Each tick first claims the {@link EvaluationLease}: of several replicas, only the
 * holder evaluates. A tick that fails is logged and the next one runs as usual.
 */
class AlertScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertScheduler.class);

    private final EvaluationLease lease;
    private final AlertEvaluation evaluation;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;

    AlertScheduler(EvaluationLease lease, AlertEvaluation evaluation, Clock clock, Duration interval) {
        this.lease = lease;
        this.evaluation = evaluation;
        this.clock = clock;
        this.interval = interval;
    }

    /** One tick: true when this replica held the lease and evaluated the rules. */
    boolean tick() {
        try {
            Instant now = clock.instant();
            if (!lease.claim(now, interval)) {
                return false;
            }
            int transitions = evaluation.evaluateAll(now);
            log.debug("alert rules evaluated: {} transition(s)", transitions);
            return true;
        } catch (RuntimeException e) {
            log.warn("alert evaluation failed; the next tick tries again", e);
            return false;
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("alert-evaluation").daemon().factory());
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
