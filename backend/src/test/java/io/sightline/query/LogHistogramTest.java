package io.sightline.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class LogHistogramTest {

    @Test
    void nearestRankPercentilesAreWithinHalfAPercent() {
        Random random = new Random(5);
        List<Long> durations = new ArrayList<>();
        ObjectNode histogram = JsonMapper.builder().build().createObjectNode();
        for (int i = 0; i < 5_000; i++) {
            long nanos = (long) (Math.exp(random.nextGaussian() * 1.5 + 17)); // ~24 ms median, long tail
            durations.add(nanos);
            // The bucket the materialised view computes: floor(log_1.01(µs)) + 1, 0 under 1 µs.
            int bucket = nanos < 1_000 ? 0 : (int) Math.floor(Math.log(nanos / 1_000.0) / Math.log(1.01)) + 1;
            histogram.put(
                    Integer.toString(bucket),
                    histogram.path(Integer.toString(bucket)).asLong(0) + 1);
        }
        List<Long> sorted = durations.stream().sorted().toList();
        LogHistogram log = new LogHistogram(histogram);

        for (double q : new double[] {0.5, 0.75, 0.9, 0.95, 0.99, 0.999}) {
            long exact = sorted.get((int) Math.ceil(q * sorted.size()) - 1);
            assertThat(log.percentileNanos(q)).as("q=" + q).isCloseTo(exact, Percentage.withPercentage(0.5));
        }
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertThat(new LogHistogram(JsonMapper.builder().build().createObjectNode()).percentileNanos(0.99))
                .isZero();
    }
}
