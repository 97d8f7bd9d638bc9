package io.sightline.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Story 1's endpoint: the latency API's percentiles and buckets equal nearest rank on the requests' own durations. */
class StoryLatencyIT extends IntegrationTest {

    @Test
    void storyOnesPercentilesAndBucketsAreNearestRankOnTheSameDurations() throws Exception {
        StoryFixture stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        String checkout = "&service=" + stories.service("checkout-service") + "&endpoint="
                + URLEncoder.encode("POST /checkout", StandardCharsets.UTF_8);
        String window = "from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now();
        List<Double> durations = new ArrayList<>();
        api("/api/v1/search?" + window + checkout + "&limit=500")
                .get("results")
                .forEach(result -> durations.add(result.get("durationMs").asDouble()));
        List<Double> sorted = durations.stream().sorted().toList();

        JsonNode latency = api("/api/v1/latency?" + window + checkout);

        assertThat(latency.get("requests").asLong()).isEqualTo(sorted.size()).isEqualTo(81);
        for (String name : List.of("p50", "p75", "p90", "p95", "p99")) {
            double q = Integer.parseInt(name.substring(1)) / 100.0;
            assertThat(latency.get("percentilesMs").get(name).asDouble())
                    .as(name)
                    .isEqualTo(sorted.get((int) Math.ceil(q * sorted.size()) - 1));
        }
        double[] bounds = {10, 25, 50, 100, 200, 500, 1000, 2000, Double.MAX_VALUE};
        double lower = 0;
        for (int i = 0; i < bounds.length; i++) {
            double from = lower;
            double to = bounds[i];
            assertThat(latency.get("buckets").get(i).get("count").asLong())
                    .isEqualTo(
                            durations.stream().filter(d -> d >= from && d < to).count());
            lower = to;
        }
    }
}
