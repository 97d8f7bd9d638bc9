package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.security.IngestQuotaChanged;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets per project, on a clock the test moves. */
class IngestQuotasTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Map<Long, Long> ownRates = new HashMap<>();
    private final IngestQuotas quotas = new IngestQuotas(
            0,
            project -> ownRates.containsKey(project) ? OptionalLong.of(ownRates.get(project)) : OptionalLong.empty(),
            now::get);

    @Test
    void aProjectWithoutAQuotaOfItsOwnFollowsTheUnlimitedDefault() {
        assertThat(quotas.take(1, 1_000_000)).isNull();
        assertThat(quotas.owed(1)).isNull();
    }

    @Test
    void aProjectOverItsRateWaitsTillTheDebtIsRepaid() {
        ownRates.put(2L, 100L);

        // A request larger than one second's burst passes, and puts the bucket 400 spans in debt.
        assertThat(quotas.take(2, 500)).isNull();
        assertThat(quotas.owed(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(quotas.take(2, 1)).isEqualTo(Duration.ofSeconds(4));

        now.addAndGet(Duration.ofMillis(2_500).toNanos());
        assertThat(quotas.owed(2)).isEqualTo(Duration.ofSeconds(2));

        now.addAndGet(Duration.ofMillis(1_600).toNanos());
        assertThat(quotas.owed(2)).isNull();
        assertThat(quotas.take(2, 10)).isNull();
    }

    @Test
    void aRefusedRequestGetsItsSpansBack() {
        ownRates.put(3L, 100L);

        assertThat(quotas.take(3, 150)).isNull();
        quotas.refund(3, 150);

        assertThat(quotas.owed(3)).isNull();
    }

    @Test
    void aChangedQuotaAppliesAtOnce() {
        ownRates.put(4L, 10L);
        assertThat(quotas.take(4, 50)).isNull();
        assertThat(quotas.owed(4)).isNotNull();

        ownRates.put(4L, 0L);
        quotas.changed(new IngestQuotaChanged(4));

        assertThat(quotas.owed(4)).isNull();
        assertThat(quotas.take(4, 1_000_000)).isNull();
    }
}
