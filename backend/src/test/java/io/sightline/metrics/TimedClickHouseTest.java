package io.sightline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimedClickHouseTest {

    @Test
    void aReadsFeatureIsTheQueryClassThatIssuedItInKebabCase() throws Exception {
        assertThat(TimedClickHouse.feature(Class.forName("io.sightline.traces.TraceQueries")))
                .isEqualTo("trace");
        assertThat(TimedClickHouse.feature(Class.forName("io.sightline.latency.SlowRequestQueries")))
                .isEqualTo("slow-request");
        assertThat(TimedClickHouse.feature(Class.forName("io.sightline.query.RequestStats")))
                .isEqualTo("request-stats");
        assertThat(TimedClickHouse.feature(Class.forName("io.sightline.deploys.ComparisonQueries")))
                .isEqualTo("comparison");
        // A nested class or a lambda's is its top-level class's feature.
        assertThat(TimedClickHouse.feature(Nested.class)).isEqualTo("timed-click-house-test");
    }

    private static final class Nested {}
}
