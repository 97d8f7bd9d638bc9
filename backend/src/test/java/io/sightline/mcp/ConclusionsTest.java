package io.sightline.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.alerts.AlertViews;
import io.sightline.alerts.Evidence;
import io.sightline.alerts.RecentAlerts;
import io.sightline.deploys.DeployComparison;
import io.sightline.deploys.DeployVerdict;
import io.sightline.latency.CacheService.CacheStats;
import io.sightline.latency.EndpointService.EndpointStats;
import io.sightline.latency.LatencyService;
import io.sightline.latency.SlowRequests;
import io.sightline.search.TraceSearch;
import io.sightline.traces.Diagnosis;
import io.sightline.traces.FirstError;
import io.sightline.traces.RepeatedCalls;
import io.sightline.traces.TraceView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tools' conclusions, sentence by sentence, from the data the services return. */
class ConclusionsTest {

    private static final String WINDOW = "between 2026-11-30T05:00:00Z and 2026-11-30T06:00:00Z";
    private static final Instant FROM = Instant.parse("2026-11-30T05:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T06:00:00Z");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void listServicesNamesTheBusiestTheMostFailingAndTheSlowest() {
        List<EndpointStats> rows = List.of(
                new EndpointStats("checkout", "POST /checkout", 200, 2, 0.01, 3.3, 200, 240, 1200, List.of()),
                new EndpointStats("catalog", "GET /products", 1204, 0, 0, 20, 45, 60, 80, List.of()));

        assertThat(ListServicesTool.conclusion(rows, WINDOW))
                .isEqualTo("2 endpoints in 2 services served 1,404 requests " + WINDOW + "; 2 failed (0.1 %)."
                        + " Busiest: GET /products of catalog with 1,204 requests. Highest error rate: POST /checkout"
                        + " of checkout at 1.0 %. Slowest p99: POST /checkout of checkout at 1.20 s (p50 200 ms).");
        assertThat(ListServicesTool.conclusion(List.of(), WINDOW))
                .isEqualTo("No requests " + WINDOW + " in this project.");
    }

    @Test
    void diagnoseTraceSaysTheDiagnosisThePathTheRepeatsAndTheFirstError() {
        var trace = new DiagnoseTraceTool.TraceDiagnosis(
                TRACE,
                "GET /products of catalog",
                FROM,
                895,
                List.of("catalog", "pricing"),
                50,
                1,
                new Diagnosis(
                        "47 sequential calls of SELECT … account for 871 ms of 895 ms (97 %)", 895, List.of(), null),
                List.of(
                        new TraceView.PathStep("a", "catalog", "GET /products", 24),
                        new TraceView.PathStep("b", "catalog", "SELECT prices", 20),
                        new TraceView.PathStep("c", "catalog", "SELECT prices", 19),
                        new TraceView.PathStep("d", "catalog", "SELECT prices", 18.5)),
                List.of(
                        new RepeatedCalls("a", "catalog", "SELECT prices", 47, 850, true),
                        new RepeatedCalls("a", "catalog", "GET cache", 3, 2, false)),
                new FirstError("e", "pricing", "GET /price", "TimeoutException", "read timed out", "", 120.5));

        assertThat(DiagnoseTraceTool.conclusion(trace))
                .isEqualTo("Trace " + TRACE + ": GET /products of catalog took 895 ms over 50 spans in 2 services, 1"
                        + " failed span. Diagnosis: 47 sequential calls of SELECT … account for 871 ms of 895 ms (97 %)."
                        + " Largest on the critical path: GET /products (catalog) 24.0 ms, SELECT prices (catalog)"
                        + " 20.0 ms, SELECT prices (catalog) 19.0 ms. Repeated calls: 47 sequential calls of SELECT"
                        + " prices (850 ms in all) under one parent — likely N+1 (and 1 more group). First error:"
                        + " TimeoutException: read timed out in GET /price of pricing, 121 ms into the trace.");
    }

    @Test
    void searchTracesCountsMatchesAndNamesTheLongest() {
        var page = new TraceSearch.Page(
                List.of(result("a".repeat(32), 180, "OK", 200), result(TRACE, 1200, "ERROR", 500)), "next", 1200);

        assertThat(SearchTracesTool.conclusion(page, WINDOW))
                .isEqualTo("2 requests match " + WINDOW + " on this page; more follow (pass nextCursor as cursor)."
                        + " The longest took 1.20 s: POST /checkout of checkout, trace " + TRACE
                        + ". 1 request failed.");
        assertThat(SearchTracesTool.conclusion(new TraceSearch.Page(List.of(), null, 0), WINDOW))
                .isEqualTo("No request matches " + WINDOW + ".");
    }

    @Test
    void explainEndpointGivesPercentilesTheCommonBucketTheCacheAndTheSlowRequestsDifference() {
        var latency = new LatencyService.Latency(
                "pricing",
                "GET /prices/{sku}",
                null,
                FROM,
                TO,
                100,
                0,
                0,
                0.03,
                new LatencyService.Percentiles(26, 28, 30, 31, 31),
                "exact",
                List.of(
                        new LatencyService.Bucket("10–25 ms", 10, 25, 38, 0.38),
                        new LatencyService.Bucket("25–50 ms", 25, 50, 62, 0.62)),
                60,
                List.of(),
                List.of());
        var cache = List.of(
                new CacheStats("GET /prices/{sku}", "GET", 100, 12, 88, 0.12),
                new CacheStats("GET /prices/{sku}", "SET", 88, 0, 0, null));
        var slow = new SlowRequests.Difference(
                99,
                31,
                6,
                94,
                List.of(new SlowRequests.CallDifference("SELECT amount FROM prices", 1, 0.87, 25, 17.7)),
                List.of(new SlowRequests.OverRepresented("region", "eu", 6, 10, 1, 0.11)));

        assertThat(new EndpointExplanation(latency, cache, slow).conclusion(WINDOW))
                .isEqualTo("GET /prices/{sku} of pricing: 100 requests " + WINDOW + ", 0 failed (0 %). p50 26.0 ms,"
                        + " p90 30.0 ms, p95 31.0 ms, p99 31.0 ms. Most requests (62 %) took 25–50 ms. Cache: GET hit"
                        + " 12 % of 100 lookups; SET made 88 calls, hit or miss not recorded. The 6 requests at or"
                        + " above p99 (31.0 ms or longer) against the other 94: SELECT amount FROM prices takes 25.0 ms"
                        + " per slow request against 17.7 ms (1 against 0.87 calls); over-represented among them:"
                        + " region=eu (100 % against 11 % of the rest).");
    }

    @Test
    void explainEndpointWithoutRequestsSaysSo() {
        var latency = new LatencyService.Latency(
                "pricing", "GET /x", "1.0", FROM, TO, 0, 0, 0, 0, null, "exact", List.of(), 60, List.of(), List.of());

        assertThat(new EndpointExplanation(
                                latency, List.of(), new SlowRequests.Difference(99, 0, 0, 0, List.of(), List.of()))
                        .conclusion(WINDOW))
                .isEqualTo("GET /x of pricing (version 1.0) had no requests " + WINDOW + ".");
    }

    @Test
    void compareVersionsLeadsWithTheVerdictThenRanksAndGivesExamples() {
        String statement = "SELECT * FROM product_prices WHERE product_id = $1";
        var comparison = new DeployComparison.Comparison(
                "catalog",
                "1.4.0",
                "1.5.0",
                FROM,
                TO,
                List.of(new DeployComparison.EndpointComparison(
                        "GET /products",
                        new DeployComparison.Side(100, 0, 45, 50, 55, "b".repeat(32)),
                        new DeployComparison.Side(100, 0, 890, 900, 950, "c".repeat(32)),
                        18,
                        List.of(new DeployComparison.OperationChange(statement, 1, 47, 1, 850, true)),
                        List.of("N+1: " + statement + " went from 1 to 47 calls per request"))));
        var found = new CompareVersionsTool.VersionComparison(DeployVerdict.of(comparison), comparison);

        assertThat(CompareVersionsTool.conclusion(found))
                .isEqualTo("catalog 1.4.0 against 1.5.0 " + WINDOW + ". N+1: " + statement + " went from 1 to 47"
                        + " calls per request on GET /products. Worst p95: GET /products 50 → 900 ms (+1700 %). Error"
                        + " rate: GET /products 0 % → 0 %. Ranked by p95 regression: GET /products 50.0 ms → 900 ms."
                        + " Example traces of GET /products: 1.4.0 " + "b".repeat(32) + ", 1.5.0 " + "c".repeat(32)
                        + ".");
    }

    private static TraceSearch.Result result(String traceId, double durationMs, String status, int httpStatus) {
        return new TraceSearch.Result(
                traceId,
                "00f067aa0ba902b7",
                FROM,
                "checkout",
                "POST /checkout",
                durationMs,
                status,
                httpStatus,
                "",
                "2.3.1",
                "production",
                6,
                0,
                null);
    }

    @Test
    void recentAlertsCountsFiredAndResolvedAndGivesEachFiringsValueAndFirstExemplar() {
        var stripe = new Evidence.Exemplar(
                TRACE, 1200, "https://sightline.example.com/traces/" + TRACE, "the external call POST stripe.com");
        var fired = new RecentAlerts.RecentAlert(
                7,
                "Checkout p99",
                "threshold",
                "checkout",
                event("firing", "p99", "POST /checkout", 1210, 1000, null, new Evidence(List.of(stripe), List.of())));
        var resolved = new RecentAlerts.RecentAlert(
                7,
                "Checkout p99",
                "threshold",
                "checkout",
                event("resolved", "p99", "POST /checkout", 0, 1000, null, Evidence.none()));
        var deploy = new RecentAlerts.RecentAlert(
                8,
                "Catalog deploys",
                "deploy",
                "catalog",
                event(
                        "firing",
                        null,
                        "GET /products",
                        47,
                        1,
                        new AlertViews.Deploy(
                                "1.5.0", "1.4.0", "N+1: SELECT prices went from 1 to 47 calls per request"),
                        Evidence.none()));

        assertThat(RecentAlertsTool.conclusion(List.of(resolved, deploy, fired), WINDOW))
                .isEqualTo("2 alerts fired " + WINDOW + " and 1 resolved: Catalog deploys on catalog GET /products at"
                        + " 2026-11-30T05:00:00Z: 1.5.0 after 1.4.0, N+1: SELECT prices went from 1 to 47 calls per"
                        + " request. Checkout p99 on checkout POST /checkout at 2026-11-30T05:00:00Z: p99 1.21 s (line"
                        + " 1.00 s). Exemplar: trace " + TRACE + ", 1.20 s: the external call POST stripe.com.");
        assertThat(RecentAlertsTool.conclusion(List.of(), WINDOW))
                .isEqualTo("No alert fired or resolved " + WINDOW + " in this project.");
    }

    private static AlertViews.Event event(
            String state,
            String metric,
            String endpoint,
            double value,
            double threshold,
            AlertViews.Deploy deploy,
            Evidence evidence) {
        return new AlertViews.Event(
                1, 7, state, false, FROM, metric, endpoint, value, threshold, FROM, TO, deploy, evidence, null);
    }
}
