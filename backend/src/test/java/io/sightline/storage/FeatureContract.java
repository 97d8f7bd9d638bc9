package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import io.sightline.demo.StoryFixture.SentSpan;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Every feature's queries on one engine, as Zipkin's {@code ITSpanStore} runs on each store: the five
 * stories go in through the real OTLP endpoint, once per class, and each comes back through the API a
 * user reads it with — the trace by ID, search, latency, cache, the deploy comparison and the Jaeger
 * API. Expected answers are computed from the spans as sent, so the embedded engine and a server must
 * give the same ones. A subclass picks the engine with the application's own settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FeatureContract extends IntegrationTest {

    private static final String PRICES_STATEMENT = "SELECT * FROM product_prices WHERE product_id = $1";

    protected StoryFixture stories;

    @BeforeAll
    void loadTheStories() {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
    }

    @Test
    void storyOneComesBackWholeWithItsCriticalPathAndDiagnosis() throws Exception {
        JsonNode trace = api("/api/v1/traces/" + stories.slowCheckout());

        assertWhole(trace, stories.slowCheckout());
        assertThat(trace.get("durationMs").asDouble()).isEqualTo(1200.0);
        assertThat(trace.get("errorCount").asInt()).isZero();
        assertThat(trace.get("diagnosis").get("summary").asString())
                .isEqualTo("the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); "
                        + "the bottleneck is an external dependency");
        assertThat(fields(trace.get("criticalPath"), "name"))
                .startsWith("POST /checkout")
                .contains("payments.Charge", "POST stripe.com/v1/charges");
    }

    @Test
    void storiesTwoToFourComeBackWithWhatWentWrong() throws Exception {
        JsonNode after = api("/api/v1/traces/" + stories.productsAfter());
        assertWhole(after, stories.productsAfter());
        JsonNode repeated = after.get("repeatedCalls").get(0);
        assertThat(repeated.get("statement").asString()).isEqualTo(PRICES_STATEMENT);
        assertThat(repeated.get("count").asInt())
                .isEqualTo(count(stories.trace(stories.productsAfter()), isPriceSelect()));
        assertThat(repeated.get("sequential").asBoolean()).isTrue();
        assertThat(api("/api/v1/traces/" + stories.productsBefore()).get("repeatedCalls"))
                .isEmpty();

        JsonNode staging = api("/api/v1/traces/" + stories.stagingFailure());
        assertWhole(staging, stories.stagingFailure());
        assertThat(staging.get("firstError").get("service").asString())
                .isEqualTo(stories.service("notification-service"));
        assertThat(staging.get("firstError").get("message").asString())
                .contains("relation \"email_templates\" does not exist");

        JsonNode failing = api("/api/v1/traces/" + stories.failingUserRequest());
        assertWhole(failing, stories.failingUserRequest());
        assertThat(failing.get("firstError").get("message").asString())
                .isEqualTo("cart of " + stories.failingUser() + " is empty");
    }

    @Test
    void searchFindsEachStoryByTheFiltersAUserTypes() throws Exception {
        String checkout = "service=" + stories.service("checkout-service") + "&endpoint=" + encode("POST /checkout");
        List<SentSpan> checkouts = stories.requests("checkout-service", "POST /checkout");
        double p90 = nearestRank(durations(checkouts), 0.90);

        JsonNode user = search("user=" + stories.failingUser());
        assertThat(user).hasSize(1);
        JsonNode byUser = user.get(0);
        assertThat(byUser.get("traceId").asString()).isEqualTo(stories.failingUserRequest());
        assertThat(byUser.get("status").asString()).isEqualTo("ERROR");
        assertThat(byUser.get("httpStatus").asInt()).isEqualTo(500);
        assertThat(traceIds(search("service=" + stories.service("cart-service") + "&status=error")))
                .containsExactly(stories.failingUserRequest());
        assertThat(traceIds(search(checkout + "&minMs=1000"))).containsExactly(stories.slowCheckout());
        assertThat(traceIds(search(checkout + "&abovePercentile=90")))
                .isEqualTo(traceIds(checkouts, span -> span.durationMs() >= p90));
        String catalog = "service=" + stories.service("catalog-service");
        List<SentSpan> products = stories.requests("catalog-service", "GET /products");
        for (String version : List.of("1.4.0", "1.5.0")) {
            assertThat(traceIds(search(catalog + "&version=" + version)))
                    .isEqualTo(traceIds(products, span -> span.version().equals(version)));
        }
    }

    @Test
    void everyEndpointsPercentilesBucketsAndSeriesAreNearestRankOnTheRequestsSent() throws Exception {
        Map<List<String>, List<SentSpan>> endpoints = stories.sent().stream()
                .filter(SentSpan::root)
                .collect(Collectors.groupingBy(span -> List.of(span.service(), span.name())));
        assertThat(endpoints).hasSize(5);
        for (var endpoint : endpoints.entrySet()) {
            List<SentSpan> requests = endpoint.getValue();
            List<Double> durations = durations(requests);
            JsonNode latency = api("/api/v1/latency?" + window() + "&service="
                    + endpoint.getKey().get(0) + "&endpoint="
                    + encode(endpoint.getKey().get(1)));
            String name = String.join(" ", endpoint.getKey());

            assertThat(latency.get("requests").asLong()).as(name).isEqualTo(requests.size());
            assertThat(latency.get("errors").asLong()).as(name).isEqualTo(count(requests, SentSpan::error));
            for (String percentile : List.of("p50", "p75", "p90", "p95", "p99")) {
                assertThat(latency.get("percentilesMs").get(percentile).asDouble())
                        .as(name + " " + percentile)
                        .isEqualTo(nearestRank(durations, Integer.parseInt(percentile.substring(1)) / 100.0));
            }
            for (JsonNode bucket : latency.get("buckets")) {
                double from =
                        bucket.get("fromMs").isNull() ? 0 : bucket.get("fromMs").asDouble();
                double to = bucket.get("toMs").isNull()
                        ? Double.MAX_VALUE
                        : bucket.get("toMs").asDouble();
                assertThat(bucket.get("count").asLong())
                        .as(name + " " + bucket.get("label").asString())
                        .isEqualTo(durations.stream()
                                .filter(d -> d >= from && d < to)
                                .count());
            }
            long step = latency.get("seriesStepSeconds").asLong();
            Map<Long, Long> series = new TreeMap<>();
            latency.get("series")
                    .forEach(point -> series.merge(
                            Instant.parse(point.get("at").asString()).getEpochSecond(),
                            point.get("requests").asLong(),
                            Long::sum));
            series.values().removeIf(requestsAt -> requestsAt == 0);
            assertThat(series)
                    .as(name + " series")
                    .isEqualTo(requests.stream()
                            .collect(Collectors.groupingBy(
                                    span -> span.startNanos() / 1_000_000_000L / step * step,
                                    TreeMap::new,
                                    Collectors.counting())));
        }
    }

    @Test
    void storyFivesCacheHitRatioIsTheShareOfLookupsThatHit() throws Exception {
        Map<String, List<SentSpan>> byOperation = stories.sent().stream()
                .filter(span -> span.service().equals(stories.service("pricing-service"))
                        && "redis".equals(span.attributes().get("db.system.name")))
                .collect(Collectors.groupingBy(SentSpan::name, TreeMap::new, Collectors.toList()));
        List<String> expected = new ArrayList<>();
        byOperation.forEach((operation, calls) -> {
            long hits = count(calls, span -> "true".equals(span.attributes().get("cache.hit")));
            long misses = count(calls, span -> "false".equals(span.attributes().get("cache.hit")));
            Double ratio = hits + misses == 0 ? null : (double) hits / (hits + misses);
            expected.add(
                    "GET /prices/{sku} " + operation + " " + calls.size() + " " + hits + " " + misses + " " + ratio);
        });

        JsonNode cache = api("/api/v1/cache?" + window() + "&service=" + stories.service("pricing-service"))
                .get("cache");

        List<String> rows = new ArrayList<>();
        cache.forEach(row -> rows.add(String.join(
                " ",
                row.get("endpoint").asString(),
                row.get("operation").asString(),
                row.get("lookups").asString(),
                row.get("hits").asString(),
                row.get("misses").asString(),
                row.get("hitRatio").isNull()
                        ? "null"
                        : Double.toString(row.get("hitRatio").asDouble()))));
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected).contains("GET /prices/{sku} GET 100 12 88 0.12");
    }

    @Test
    void storyTwosDeploysAreMarkedAndTheirComparisonNamesTheNPlusOne() throws Exception {
        String catalog = stories.service("catalog-service");
        List<String> versions = new ArrayList<>();
        api("/api/v1/deploys?range=1h&service=" + catalog).get("deploys").forEach(deploy -> {
            versions.add(deploy.get("version").asString());
            assertThat(deploy.get("source").asString()).isEqualTo("DETECTED");
        });
        assertThat(versions).containsExactly("1.4.0", "1.5.0");

        JsonNode first = api("/api/v1/compare?range=1h&service=" + catalog + "&before=1.4.0&after=1.5.0")
                .get("endpoints")
                .get(0);

        assertThat(first.get("endpoint").asString()).isEqualTo("GET /products");
        JsonNode prices = first.get("operations").get(0);
        for (var side : Map.of("Before", "1.4.0", "After", "1.5.0").entrySet()) {
            String version = side.getValue();
            List<SentSpan> requests = stories.requests("catalog-service", "GET /products").stream()
                    .filter(span -> span.version().equals(version))
                    .toList();
            JsonNode stats = first.get(side.getKey().toLowerCase(Locale.ROOT));
            assertThat(stats.get("requests").asLong()).as(version).isEqualTo(requests.size());
            assertThat(stats.get("p50Ms").asDouble()).as(version).isEqualTo(nearestRank(durations(requests), 0.5));
            assertThat(traceIds(requests, span -> true))
                    .contains(stats.get("exampleTraceId").asString());
            long selects = count(
                    stories.sent(), isPriceSelect().and(span -> span.version().equals(version)));
            assertThat(prices.get("callsPerRequest" + side.getKey()).asDouble())
                    .as(version)
                    .isEqualTo((double) selects / requests.size());
        }
        assertThat(prices.get("operation").asString()).isEqualTo(PRICES_STATEMENT);
        assertThat(prices.get("nPlusOne").asBoolean()).isTrue();
        assertThat(first.get("findings").get(0).asString())
                .isEqualTo("N+1: " + PRICES_STATEMENT + " went from 1 to 47 calls per request");
    }

    @Test
    void theJaegerApiListsFindsAndReturnsTheStories() throws Exception {
        Set<String> services = stories.sent().stream().map(SentSpan::service).collect(Collectors.toSet());
        String catalog = stories.service("catalog-service");
        String cart = stories.service("cart-service");

        assertThat(strings(api("/api/services").get("data"))).containsAll(services);
        assertThat(strings(api("/api/services/" + catalog + "/operations").get("data")))
                .containsExactlyInAnyOrderElementsOf(stories.sent().stream()
                        .filter(span -> span.service().equals(catalog))
                        .map(SentSpan::name)
                        .collect(Collectors.toSet()));
        JsonNode staging =
                api("/api/traces/" + stories.stagingFailure()).get("data").get(0);
        assertThat(fields(staging.get("spans"), "spanID"))
                .containsExactlyInAnyOrderElementsOf(spanIds(stories.stagingFailure()));
        assertThat(staging.get("processes").findValuesAsString("serviceName"))
                .containsExactlyInAnyOrder(stories.service("orders-service"), stories.service("notification-service"));
        String byUser = "/api/traces?lookback=1h&service=" + cart + "&tags="
                + encode("{\"user.id\":\"" + stories.failingUser() + "\"}");
        assertThat(fields(api(byUser).get("data"), "traceID")).containsExactly(stories.failingUserRequest());
        String slow = "/api/traces?lookback=1h&minDuration=1s&service=" + stories.service("checkout-service");
        assertThat(fields(api(slow).get("data"), "traceID")).containsExactly(stories.slowCheckout());
    }

    /** The trace holds every span sent for it, and names the services they came from. */
    private void assertWhole(JsonNode trace, String traceId) {
        assertThat(trace.get("traceId").asString()).isEqualTo(traceId);
        assertThat(trace.get("spanCount").asInt())
                .isEqualTo(stories.trace(traceId).size());
        assertThat(fields(trace.get("spans"), "spanId")).containsExactlyInAnyOrderElementsOf(spanIds(traceId));
        assertThat(strings(trace.get("services")))
                .containsExactlyElementsOf(new TreeSet<>(
                        stories.trace(traceId).stream().map(SentSpan::service).toList()));
        assertThat(trace.get("errorCount").asInt()).isEqualTo(count(stories.trace(traceId), SentSpan::error));
    }

    private List<String> spanIds(String traceId) {
        return stories.trace(traceId).stream().map(SentSpan::spanId).toList();
    }

    /** Search results over the last hour, at most 500 (more than any story has). */
    private JsonNode search(String filters) throws IOException, InterruptedException {
        return api("/api/v1/search?" + window() + "&limit=500&" + filters).get("results");
    }

    private static Set<String> traceIds(JsonNode results) {
        return new TreeSet<>(fields(results, "traceId"));
    }

    /** {@code field} of each element of {@code array}. */
    private static List<String> fields(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asString()));
        return values;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asString()));
        return values;
    }

    private static Set<String> traceIds(List<SentSpan> requests, Predicate<SentSpan> which) {
        return requests.stream().filter(which).map(SentSpan::traceId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Predicate<SentSpan> isPriceSelect() {
        return span -> PRICES_STATEMENT.equals(span.attributes().get("db.query.text"));
    }

    private static int count(List<SentSpan> spans, Predicate<SentSpan> which) {
        return (int) spans.stream().filter(which).count();
    }

    private static List<Double> durations(List<SentSpan> requests) {
        return requests.stream().map(SentSpan::durationMs).sorted().toList();
    }

    /** The smallest duration at least {@code q} of the requests take no longer than. */
    private static double nearestRank(List<Double> sorted, double q) {
        return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
    }

    private static String window() {
        return "from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
