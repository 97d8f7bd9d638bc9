package io.sightline.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The endpoint page of story 1's POST /checkout in a real browser. */
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
            List<Locator> bars = browser.findAll("svg.histogram rect");
            assertThat(bars).hasSize(9);
            assertThat(bars.get(7).locator("title").first().textContent()).isEqualTo("1–2 s: 1 request (1.2 %)");
            assertThat(browser.findAll("svg.series rect.deploy")).isNotEmpty();
            browser.screenshot("endpoint-story-1");

            browser.clickAndWait(browser.findAll("svg.histogram a").get(7));
            List<Locator> rows = browser.findAll(".results tbody tr");
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().innerText()).contains("1.20 s");
        }
    }
}
