package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/** The trace view of the stories in a real browser, over its own load of them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoryPagesIT extends IntegrationTest {

    Browser browser;
    StoryFixture stories;

    @BeforeAll
    void signIn() {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        browser = new Browser(port).signIn("admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void closeBrowser() {
        browser.close();
    }

    @Test
    void storyThreeShowsProducerConsumerAndTheFailingSql() {
        browser.open("/traces/" + stories.stagingFailure());

        Locator consumer = row("orders.created process");
        assertThat(consumer.innerText()).contains("async ⇢");
        assertThat(row("orders.created publish").innerText()).contains(stories.service("orders-service"));

        row("SELECT email_templates").click();
        Locator detail = browser.find(".span-detail:not([hidden])");
        assertThat(detail.locator("pre.sql").first().innerText())
                .isEqualTo("SELECT body FROM email_templates WHERE name = $1");
        assertThat(detail.innerText()).contains("relation \"email_templates\" does not exist", "pg-staging.internal");
        assertThat(browser.text(".first-error")).contains("email_templates");
        browser.screenshot("trace-story-3");
    }

    @Test
    void storyTwoAfterTheDeployFlagsTheNPlusOne() {
        browser.open("/traces/" + stories.productsAfter());

        assertThat(browser.text(".repeated-calls"))
                .startsWith("47 sequential calls of SELECT * FROM product_prices WHERE product_id = $1");
        row("GET /products").locator("button.toggle").first().click();
        assertThat(browser.findAll(".waterfall .row[data-span-id]").stream()
                        .filter(Locator::isVisible)
                        .count())
                .isEqualTo(1);
        browser.screenshot("trace-story-2-collapsed");
    }

    @Test
    void storyFiveShowsCacheHitOrMiss() throws Exception {
        browser.open("/traces/" + firstTrace("service=" + stories.service("pricing-service")));

        row("GET").click();
        assertThat(browser.text(".span-detail:not([hidden]) .cache")).isIn("cache hit", "cache miss");
    }

    private Locator row(String name) {
        return browser.findAll(".waterfall .row[data-span-id]").stream()
                .filter(row -> row.locator(".name").first().innerText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private String firstTrace(String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/search?range=1h&limit=1&" + query))
                                .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder()
                .build()
                .readTree(response.body())
                .get("results")
                .get(0)
                .get("traceId")
                .asString();
    }
}
