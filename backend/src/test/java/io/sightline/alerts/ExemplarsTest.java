package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.search.SearchQuery;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExemplarsTest {

    private static final Instant FROM = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-30T12:30:00Z");

    @Test
    void aPercentileAboveItsLineShowsTheSlowestRequestsAtOrAboveTheLine() {
        SearchQuery query = Exemplars.query(breach(AlertMetric.P99, "above", 1000, null));

        assertThat(query.from()).isEqualTo(FROM);
        assertThat(query.to()).isEqualTo(TO);
        assertThat(query.service()).isEqualTo("checkout-service");
        assertThat(query.endpoint()).isEqualTo("POST /checkout");
        assertThat(query.minMs()).isEqualTo(1000.0);
        assertThat(query.maxMs()).isNull();
        assertThat(query.sort()).isEqualTo(SearchQuery.Sort.DURATION);
        assertThat(query.limit()).isEqualTo(Evidence.MAX_EXEMPLARS);
    }

    @Test
    void aPercentileBelowItsLineShowsTheLatestRequestsUnderIt() {
        SearchQuery query = Exemplars.query(breach(AlertMetric.P50, "below", 5, null));

        assertThat(query.maxMs()).isEqualTo(5.0);
        assertThat(query.minMs()).isNull();
        assertThat(query.sort()).isEqualTo(SearchQuery.Sort.TIME);
    }

    @Test
    void anErrorRateShowsTheLatestFailedRequestsAndThroughputTheLatestRequests() {
        SearchQuery errors = Exemplars.query(breach(AlertMetric.ERROR_RATE, "above", 0.05, null));
        SearchQuery traffic = Exemplars.query(breach(AlertMetric.THROUGHPUT, "below", 10, null));

        assertThat(errors.status()).isEqualTo(SearchQuery.Status.ERROR);
        assertThat(errors.sort()).isEqualTo(SearchQuery.Sort.TIME);
        assertThat(traffic.status()).isNull();
        assertThat(traffic.minMs()).isNull();
        assertThat(traffic.sort()).isEqualTo(SearchQuery.Sort.TIME);
    }

    @Test
    void aDeployRegressionShowsTheNewVersionsRequestsAndAnNPlusOneReadsMoreToFindTheRepeats() {
        var deploy = new Breach.DeployRegression("1.5.0", "1.4.0", "p95 45 ms → 890 ms");
        SearchQuery slower = Exemplars.query(breach(AlertMetric.P95, "above", 90, deploy));
        SearchQuery failing = Exemplars.query(breach(AlertMetric.ERROR_RATE, "above", 0.1, deploy));
        Breach nPlusOne = breach(null, "above", 1, deploy);
        SearchQuery repeats = Exemplars.query(nPlusOne);

        assertThat(slower.version()).isEqualTo("1.5.0");
        assertThat(slower.minMs())
                .as("the new version's slowest, whatever the line")
                .isNull();
        assertThat(slower.sort()).isEqualTo(SearchQuery.Sort.DURATION);
        assertThat(failing.version()).isEqualTo("1.5.0");
        assertThat(failing.status()).isEqualTo(SearchQuery.Status.ERROR);
        assertThat(Exemplars.showingRepeats(nPlusOne)).isTrue();
        assertThat(repeats.version()).isEqualTo("1.5.0");
        assertThat(repeats.limit()).isEqualTo(Exemplars.N_PLUS_ONE_CANDIDATES);
    }

    @Test
    void aPercentileMetricsRankIsItsNumber() {
        assertThat(Exemplars.percentile(AlertMetric.P50)).isEqualTo(50.0);
        assertThat(Exemplars.percentile(AlertMetric.P99)).isEqualTo(99.0);
    }

    private static Breach breach(
            AlertMetric metric, String operator, double threshold, Breach.DeployRegression deploy) {
        return new Breach(
                1, "checkout-service", "POST /checkout", metric, operator, threshold, threshold * 2, FROM, TO, deploy);
    }
}
