package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.query.RequestStats;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdMeasureTest {

    private static final RequestStats.Stats STATS = new RequestStats.Stats(
            List.of(),
            300,
            15,
            new RequestStats.Percentiles(200_000_000, 250_000_000, 300_000_000, 400_000_000, 1_200_000_000));
    private static final RequestStats.Stats NONE =
            new RequestStats.Stats(List.of(), 0, 0, new RequestStats.Percentiles(0, 0, 0, 0, 0));

    @Test
    void eachMetricInItsUnit() {
        Duration window = Duration.ofMinutes(15);

        assertThat(ThresholdMeasure.value(AlertMetric.P50, STATS, window)).isEqualTo(200.0);
        assertThat(ThresholdMeasure.value(AlertMetric.P90, STATS, window)).isEqualTo(300.0);
        assertThat(ThresholdMeasure.value(AlertMetric.P95, STATS, window)).isEqualTo(400.0);
        assertThat(ThresholdMeasure.value(AlertMetric.P99, STATS, window)).isEqualTo(1200.0);
        assertThat(ThresholdMeasure.value(AlertMetric.ERROR_RATE, STATS, window))
                .isEqualTo(0.05);
        assertThat(ThresholdMeasure.value(AlertMetric.THROUGHPUT, STATS, window))
                .isEqualTo(20.0);
    }

    @Test
    void aWindowWithoutRequestsHasNoLatencyOrErrorRateButZeroThroughput() {
        Duration window = Duration.ofMinutes(5);

        assertThat(ThresholdMeasure.value(AlertMetric.P99, NONE, window)).isNull();
        assertThat(ThresholdMeasure.value(AlertMetric.ERROR_RATE, NONE, window)).isNull();
        assertThat(ThresholdMeasure.value(AlertMetric.THROUGHPUT, NONE, window)).isEqualTo(0.0);
    }

    @Test
    void theLineItselfIsNotCrossed() {
        assertThat(AlertOperator.ABOVE.crosses(1000.1, 1000)).isTrue();
        assertThat(AlertOperator.ABOVE.crosses(1000, 1000)).isFalse();
        assertThat(AlertOperator.BELOW.crosses(9.9, 10)).isTrue();
        assertThat(AlertOperator.BELOW.crosses(10, 10)).isFalse();
    }
}
