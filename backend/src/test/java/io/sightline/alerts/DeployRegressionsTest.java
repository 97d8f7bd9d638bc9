package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.deploys.DeployComparison;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployRegressionsTest {

    private static final String SELECT = "SELECT * FROM product_prices WHERE product_id = $1";

    @Test
    void theComparisonsNPlusOneFiresWithItsOwnSentence() {
        var regression = DeployRegressions.find(
                        comparison(endpoint(
                                "GET /products",
                                side(100, 0, 45),
                                side(100, 0, 50),
                                List.of(new DeployComparison.OperationChange(SELECT, 1, 47, 2, 90, true)),
                                List.of("N+1: " + SELECT + " went from 1 to 47 calls per request"))),
                        1.5)
                .orElseThrow();

        assertThat(regression.metric()).isNull();
        assertThat(regression.threshold()).isEqualTo(1);
        assertThat(regression.value()).isEqualTo(47);
        assertThat(regression.finding())
                .isEqualTo("N+1: " + SELECT + " went from 1 to 47 calls per request on GET /products");
    }

    @Test
    void aP95BeyondTheFactorFiresOnTheWorstRatio() {
        var regression = DeployRegressions.find(
                        comparison(
                                endpoint("GET /a", side(10, 0, 100), side(10, 0, 160)),
                                endpoint("GET /b", side(10, 0, 40), side(10, 0, 100)),
                                endpoint("GET /c", side(0, 0, 0), side(10, 0, 900))),
                        1.5)
                .orElseThrow();

        assertThat(regression.endpoint()).isEqualTo("GET /b");
        assertThat(regression.metric()).isEqualTo(AlertMetric.P95);
        assertThat(regression.threshold()).isEqualTo(60);
        assertThat(regression.value()).isEqualTo(100);
        assertThat(regression.finding())
                .isEqualTo("p95 of GET /b went from 40.0 ms to 100.0 ms (×2.5, beyond the rule's ×1.5)");
    }

    @Test
    void anErrorRateFiresBeyondTheFactorAndOnePercentagePoint() {
        assertThat(DeployRegressions.find(
                        comparison(endpoint("GET /a", side(1000, 0, 10), side(1000, 0.005, 10))), 1.5))
                .as("a stray error after a clean version")
                .isEmpty();
        var regression = DeployRegressions.find(
                        comparison(endpoint("GET /a", side(1000, 0.01, 10), side(1000, 0.05, 10))), 1.5)
                .orElseThrow();
        assertThat(regression.metric()).isEqualTo(AlertMetric.ERROR_RATE);
        assertThat(regression.value()).isEqualTo(0.05);
        assertThat(regression.finding())
                .isEqualTo("error rate of GET /a went from 1.0 % to 5.0 % (beyond the rule's ×1.5)");
    }

    @Test
    void withinTheFactorNothingFires() {
        var compared = comparison(endpoint("GET /a", side(10, 0.1, 100), side(10, 0.12, 140)));

        assertThat(DeployRegressions.find(compared, 1.5)).isEmpty();
        assertThat(DeployRegressions.judged(compared)).isTrue();
        assertThat(DeployRegressions.judged(comparison(endpoint("GET /a", side(10, 0, 1), side(0, 0, 0)))))
                .isFalse();
    }

    private static DeployComparison.Side side(long requests, double errorRate, double p95) {
        return new DeployComparison.Side(requests, errorRate, p95 / 2, p95, p95 * 1.2, null);
    }

    private static DeployComparison.EndpointComparison endpoint(
            String name, DeployComparison.Side before, DeployComparison.Side after) {
        return endpoint(name, before, after, List.of(), List.of());
    }

    private static DeployComparison.EndpointComparison endpoint(
            String name,
            DeployComparison.Side before,
            DeployComparison.Side after,
            List<DeployComparison.OperationChange> operations,
            List<String> findings) {
        return new DeployComparison.EndpointComparison(name, before, after, 0, operations, findings);
    }

    private static DeployComparison.Comparison comparison(DeployComparison.EndpointComparison... endpoints) {
        return new DeployComparison.Comparison(
                "catalog", "1.4.0", "1.5.0", Instant.EPOCH, Instant.EPOCH.plusSeconds(3600), List.of(endpoints));
    }
}
