package io.sightline.ingest;

import io.sightline.security.IngestQuotaChanged;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.springframework.context.event.EventListener;

/**
 * Per-project ingest quotas in spans per second: a token bucket per project holding one second of
 * its rate. A request may take more spans than the bucket holds (the bucket goes into debt), so any
 * request size passes at a quota's pace; while a project is in debt its requests are refused with
 * the time the debt takes to repay, before their bodies are read. A project's rate is its own
 * (set by an admin) or the instance default; rates are re-read at once when an admin changes one
 * here, and every minute otherwise (other instances of a cluster).
 */
final class IngestQuotas {

    private static final long RELOAD_NANOS = Duration.ofMinutes(1).toNanos();

    private final long defaultRate;
    private final LongFunction<OptionalLong> ownRate;
    private final LongSupplier nanoTime;
    // One entry per project that sent spans; projects are few and made by admins.
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    IngestQuotas(long defaultRate, LongFunction<OptionalLong> ownRate, LongSupplier nanoTime) {
        this.defaultRate = defaultRate;
        this.ownRate = ownRate;
        this.nanoTime = nanoTime;
    }

    /** Takes {@code spans} from the project's bucket; null when allowed, else how long to wait. */
    Duration take(long projectId, int spans) {
        return bucket(projectId).take(spans, nanoTime.getAsLong());
    }

    /** How long the project must wait before sending more, or null when it may send now. */
    Duration owed(long projectId) {
        return bucket(projectId).take(0, nanoTime.getAsLong());
    }

    /** Gives back spans taken for a request that was then refused. */
    void refund(long projectId, int spans) {
        bucket(projectId).take(-spans, nanoTime.getAsLong());
    }

    @EventListener
    void changed(IngestQuotaChanged change) {
        buckets.remove(change.projectId());
    }

    private Bucket bucket(long projectId) {
        Bucket bucket = buckets.get(projectId);
        long now = nanoTime.getAsLong();
        if (bucket == null || now - bucket.loadedAt > RELOAD_NANOS) {
            bucket = new Bucket(ownRate.apply(projectId).orElse(defaultRate), now);
            buckets.put(projectId, bucket);
        }
        return bucket;
    }

    private static final class Bucket {

        private final long rate;
        private final long loadedAt;
        private double tokens;
        private long updatedAt;

        Bucket(long rate, long now) {
            this.rate = rate;
            this.loadedAt = now;
            this.tokens = rate;
            this.updatedAt = now;
        }

        Duration take(int spans, long now) {
            if (rate == 0) {
                return null; // unlimited, and no lock on the hot path
            }
            synchronized (this) {
                tokens = Math.min(rate, tokens + (now - updatedAt) * (rate / 1e9));
                updatedAt = now;
                if (spans >= 0 && tokens <= 0) {
                    return Duration.ofSeconds(Math.max(1, (long) Math.ceil(-tokens / rate)));
                }
                tokens -= spans;
                return null;
            }
        }
    }
}
