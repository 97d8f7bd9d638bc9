package io.sightline.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.options.BoundingBox;
import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import io.sightline.web.Formats;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The endpoint page of story 1's POST /checkout in a real browser: numbers, charts, zoom and heatmap. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointPageIT extends IntegrationTest {

    StoryFixture stories;

    @BeforeAll
    void loadStories() {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
    }

    @Test
    void storyFivesHitRatioIsTwelvePercentOnScreen() {
        // The API's counts behind it are checked on every engine by storage.FeatureContract.
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/endpoints?range=1h&service=" + stories.service("pricing-service") + "&endpoint="
                    + URLEncoder.encode("GET /prices/{sku}", StandardCharsets.UTF_8));
            assertThat(browser.text(".cache tbody tr td.hit-ratio")).isEqualTo("12 %");
            browser.screenshot("endpoint-story-5-cache");
        }
    }

    @Test
    void theChartsHaveAxesTooltipsLabelledDeploysAndALogScaleWithinTheContentSecurityPolicy() throws Exception {
        String service = stories.service("checkout-service");
        List<String> versions = new ArrayList<>();
        api("/api/v1/deploys?range=1h&service=" + service)
                .get("deploys")
                .forEach(deploy -> versions.add(deploy.get("version").asString()));
        assertThat(versions).isNotEmpty();
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            recordCspViolations(browser);
            openCheckout(browser, "range=1h");

            String histogram = chartText(browser, ".histogram-chart");
            assertThat(histogram).contains("0–10 ms", "1–2 s", "2 s+", "duration", "requests");
            assertThat(chartText(browser, ".requests-chart")).contains("requests", "error %", "error rate");
            String percentiles = chartText(browser, ".latency-chart");
            assertThat(percentiles).contains("p50", "p95", "p99", "ms");
            assertThat(percentiles).contains(versions);
            // Time axis ticks such as 14:30.
            assertThat(percentiles).containsPattern("\\d\\d:\\d\\d");

            hover(browser, ".latency-chart", 0.8, 0.5);
            browser.page()
                    .waitForFunction("() => /\\d\\d:\\d\\d:\\d\\d UTC/.test("
                            + "document.querySelector('.latency-chart svg').textContent)");
            assertThat(chartText(browser, ".latency-chart")).containsPattern("p99: [0-9.]+ ms");

            browser.find("input[name=log]").check();
            browser.page()
                    .waitForFunction(
                            "() => document.querySelector('.histogram-chart svg').textContent.includes('requests (log)')");
            browser.screenshot("endpoint-histogram-log");
            browser.find(".heatmap-chart").scrollIntoViewIfNeeded();
            browser.screenshot("endpoint-charts");
            assertThat(browser.page().evaluate("() => window.cspViolations"))
                    .asList()
                    .isEmpty();

            // A click in the 200–500 ms column (sixth of nine, between the grid's 64 px and 16 px margins) opens its
            // search.
            browser.find(".histogram-chart").scrollIntoViewIfNeeded();
            BoundingBox box = browser.find(".histogram-chart").boundingBox();
            browser.page().mouse().click(box.x + 64 + (box.width - 80) * 5.5 / 9, box.y + box.height * 0.7);
            browser.page().waitForURL(Pattern.compile(".*/search\\?.*"));
            URI search = URI.create(browser.page().url());
            assertThat(query(search, "minMs")).isEqualTo("200");
            assertThat(query(search, "maxMs")).isEqualTo("499.999999");
        }
    }

    @Test
    void brushingTheTimeAxisZoomsTheURLTheChartsAndTheNumbers() throws Exception {
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            openCheckout(browser, "range=1h");
            String requests = browser.text("td.requests");

            // The stories' requests fill the window's last 30 minutes: this takes part of them.
            drag(browser, ".latency-chart", 0.62, 0.5, 0.8, 0.5);
            browser.page().waitForURL(Pattern.compile(".*[?&]from=.*"));
            browser.find("section.charts.drawn").waitFor();

            URI zoomed = URI.create(browser.page().url());
            assertThat(zoomed.getQuery()).doesNotContain("range=").contains("to=");
            Instant from = Instant.parse(query(zoomed, "from"));
            Instant to = Instant.parse(query(zoomed, "to"));
            assertThat(Duration.between(from, to)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(20));
            assertThat(browser.find("section.charts").getAttribute("data-from")).isEqualTo(from.toString());
            assertThat(browser.text("td.requests")).isNotEqualTo(requests);
            assertThat(requestCount(browser.text("td.requests"))).isBetween(1L, requestCount(requests) - 1);
            // And they are the zoomed window's numbers.
            JsonNode latency = api("/api/v1/latency?service=" + stories.service("checkout-service") + "&endpoint="
                    + URLEncoder.encode("POST /checkout", StandardCharsets.UTF_8) + "&from=" + from + "&to=" + to);
            assertThat(requestCount(browser.text("td.requests")))
                    .isEqualTo(latency.get("requests").asLong());
            assertThat(browser.text("td.p50"))
                    .isEqualTo(Formats.duration(
                            latency.get("percentilesMs").get("p50").asDouble()));
            browser.screenshot("endpoint-zoomed");
        }
    }

    @Test
    void selectingAHeatmapRegionOpensTheSearchForExactlyItsRequests() throws Exception {
        String service = stories.service("checkout-service");
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            openCheckout(browser, "range=1h");
            String from = browser.find("section.charts").getAttribute("data-from");
            String to = browser.find("section.charts").getAttribute("data-to");
            JsonNode heatmap = api("/api/v1/latency/heatmap?service=" + service + "&endpoint="
                    + URLEncoder.encode("POST /checkout", StandardCharsets.UTF_8) + "&from=" + from + "&to=" + to);

            // From the 0–10 ms row up to the 500 ms–1 s row, over the window's last 40 %.
            drag(browser, ".heatmap-chart", 0.6, rowY(0), 0.97, rowY(6));
            browser.page().waitForURL(Pattern.compile(".*/search\\?.*"));

            URI search = URI.create(browser.page().url());
            assertThat(query(search, "service")).isEqualTo(service);
            assertThat(query(search, "endpoint")).isEqualTo("POST /checkout");
            assertThat(query(search, "minMs")).isEqualTo("0");
            assertThat(query(search, "maxMs")).isEqualTo("999.999999");
            Instant regionFrom = Instant.parse(query(search, "from"));
            Instant regionTo = Instant.parse(query(search, "to"));
            long step = heatmap.get("stepSeconds").asLong();
            long expected = 0;
            for (JsonNode column : heatmap.get("columns")) {
                Instant at = Instant.parse(column.get("at").asString());
                if (!at.plusSeconds(step).isAfter(regionFrom) || !at.isBefore(regionTo)) {
                    continue;
                }
                for (int bucket = 0; bucket <= 6; bucket++) {
                    expected += column.get("counts").get(bucket).asLong();
                }
            }
            assertThat(expected).isPositive();
            List<Locator> rows = browser.findAll(".results tbody tr");
            assertThat(rows).hasSize((int) expected);
            for (Locator row : rows) {
                double ms = Double.parseDouble(
                        row.locator("td.duration").first().innerText().replace(" ms", ""));
                assertThat(ms).isLessThan(1000);
            }
            browser.screenshot("endpoint-heatmap-search");
        }
    }

    @Test
    void theOverviewLeadsToTheEndpointPageWhoseHistogramOpensSearches() {
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/?range=1h");
            // innerText separates a row's cells with tabs.
            Locator link = browser.findAll(".endpoints tbody tr").stream()
                    .filter(row -> row.innerText()
                            .replace('\t', ' ')
                            .startsWith(stories.service("checkout-service") + " POST /checkout"))
                    .findFirst()
                    .orElseThrow()
                    .locator("a.endpoint-link")
                    .first();
            browser.clickAndWait(link);

            assertThat(browser.text("main h1")).isEqualTo(stories.service("checkout-service") + " · POST /checkout");
            assertThat(browser.text("td.requests")).isEqualTo("81 requests");
            assertThat(browser.text("td.p99")).isEqualTo("1.20 s");
            List<Locator> buckets = browser.findAll("table.buckets tbody tr");
            assertThat(buckets).hasSize(9);
            assertThat(buckets.get(7).innerText().replace('\t', ' ')).isEqualTo("1–2 s 1 1.2 %");
            browser.screenshot("endpoint-story-1");

            browser.clickAndWait(buckets.get(7).locator("a").first());
            List<Locator> rows = browser.findAll(".results tbody tr");
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().innerText()).contains("1.20 s");
        }
    }

    /** "1,204 requests" → 1204. */
    private static long requestCount(String text) {
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    private void openCheckout(Browser browser, String window) {
        browser.open("/endpoints?" + window + "&service=" + stories.service("checkout-service") + "&endpoint="
                + URLEncoder.encode("POST /checkout", StandardCharsets.UTF_8));
        // The charts mark their section once every chart has drawn from the APIs.
        browser.find("section.charts.drawn").waitFor();
    }

    private static void recordCspViolations(Browser browser) {
        browser.page()
                .addInitScript("window.cspViolations = [];"
                        + " document.addEventListener('securitypolicyviolation',"
                        + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
    }

    private static String chartText(Browser browser, String chart) {
        return browser.find(chart + " svg").textContent();
    }

    // The heatmap's grid: 16 px from the top, 40 px from the bottom of a 280 px chart; nine rows, 0–10 ms lowest.
    private static double rowY(int bucket) {
        double top = 16;
        double height = 280 - 16 - 40;
        return (top + height - (bucket + 0.5) * height / 9) / 280;
    }

    private static void hover(Browser browser, String chart, double x, double y) {
        browser.find(chart).scrollIntoViewIfNeeded();
        BoundingBox box = browser.find(chart).boundingBox();
        browser.page().mouse().move(box.x + box.width * x, box.y + box.height * y);
    }

    private static void drag(Browser browser, String chart, double x0, double y0, double x1, double y1) {
        browser.find(chart).scrollIntoViewIfNeeded();
        BoundingBox box = browser.find(chart).boundingBox();
        Mouse mouse = browser.page().mouse();
        mouse.move(box.x + box.width * x0, box.y + box.height * y0);
        mouse.down();
        mouse.move(box.x + box.width * x1, box.y + box.height * y1, new Mouse.MoveOptions().setSteps(12));
        mouse.up();
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name)) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " not in " + uri);
    }
}
