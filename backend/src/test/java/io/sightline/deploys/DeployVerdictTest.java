package io.sightline.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deploy's verdict from its comparison, with exact values. */
class DeployVerdictTest {

    static final Instant FROM = Instant.parse("2026-11-24T11:30:00Z");
    static final Instant TO = Instant.parse("2026-11-24T12:00:00Z");
    static final String PRICES = "SELECT * FROM product_prices WHERE product_id = $1";

    private static DeployComparison.Side side(long requests, double errorRate, double p95Ms) {
        return new DeployComparison.Side(requests, errorRate, p95Ms / 2, p95Ms, p95Ms * 1.1, "t");
    }

    @Test
    void anNPlusOneLeadsAndTheWorstP95AndErrorRateFollow() {
        var products = new DeployComparison.EndpointComparison(
                "GET /products",
                side(120, 0, 50),
                side(120, 0, 900),
                18,
                List.of(new DeployComparison.OperationChange(PRICES, 1, 47, 30, 850, true)),
                List.of("N+1: " + PRICES + " went from 1 to 47 calls per request"));
        var health = new DeployComparison.EndpointComparison(
                "GET /health", side(10, 0.1, 2), side(10, 0.3, 2), 1, List.of(), List.of());
        DeployVerdict verdict = DeployVerdict.of(
                new DeployComparison.Comparison("catalog", "1.4.0", "1.5.0", FROM, TO, List.of(products, health)));

        assertThat(verdict.regressed()).isTrue();
        assertThat(verdict.missing()).isNull();
        assertThat(verdict.worstP95()).isEqualTo(new DeployVerdict.P95Change("GET /products", 50, 900, 850, 1700.0));
        assertThat(verdict.errorRate()).isEqualTo(new DeployVerdict.ErrorRateChange("GET /health", 0.1, 0.3));
        assertThat(verdict.nPlusOne())
                .isEqualTo(new DeployVerdict.NPlusOne(
                        "GET /products", PRICES, 1, 47, "N+1: " + PRICES + " went from 1 to 47 calls per request"));
        assertThat(verdict.headline())
                .isEqualTo("N+1: " + PRICES + " went from 1 to 47 calls per request on GET /products."
                        + " Worst p95: GET /products 50 → 900 ms (+1700 %). Error rate: GET /health 10 % → 30 %.");
    }

    @Test
    void aSmallChangeIsNoRegression() {
        var endpoint = new DeployComparison.EndpointComparison(
                "GET /a", side(100, 0.02, 100), side(100, 0.01, 110), 1.1, List.of(), List.of());
        DeployVerdict verdict =
                DeployVerdict.of(new DeployComparison.Comparison("svc", "1", "2", FROM, TO, List.of(endpoint)));
        assertThat(verdict.regressed()).isFalse();
        assertThat(verdict.worstP95().changePercent()).isEqualTo(10.0);
        assertThat(verdict.nPlusOne()).isNull();
    }

    @Test
    void aSideWithoutRequestsGivesNoVerdictAndSaysWhich() {
        var endpoint = new DeployComparison.EndpointComparison(
                "GET /a", side(0, 0, 0), side(100, 0, 110), 0, List.of(), List.of());
        DeployVerdict verdict =
                DeployVerdict.of(new DeployComparison.Comparison("svc", "1.0", "2.0", FROM, TO, List.of(endpoint)));
        assertThat(verdict.missing())
                .isEqualTo("1.0 has no requests between 2026-11-24T11:30:00Z and 2026-11-24T12:00:00Z"
                        + " (no spans of that service.version were received in the window)");
        assertThat(verdict.worstP95()).isNull();
        assertThat(verdict.regressed()).isFalse();
        assertThat(DeployVerdict.of(new DeployComparison.Comparison("svc", "1.0", "2.0", FROM, TO, List.of()))
                        .missing())
                .startsWith("neither 1.0 nor 2.0 has requests between");
    }
}
