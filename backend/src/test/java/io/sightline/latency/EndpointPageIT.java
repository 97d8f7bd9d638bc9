package io.sightline.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.Browser;
import io.sightline.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/** The endpoint page of story 1's POST /checkout in a real browser. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sightline.demo=true")
class EndpointPageIT extends IntegrationTest {

    @Test
    void storyFivesHitRatioIsTwelvePercentOnScreenAndInTheApi() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/api/v1/cache?range=1h&service=pricing-service"))
                .header("Authorization", "Bearer " + BOOTSTRAP_KEY).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        var get = tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).get("cache").get(0);
        assertThat(get.get("operation").asString()).isEqualTo("GET");
        assertThat(get.get("hits").asLong()).isEqualTo(12);
        assertThat(get.get("misses").asLong()).isEqualTo(88);
        assertThat(get.get("hitRatio").asDouble()).isEqualTo(0.12);

        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/endpoints?range=1h&service=pricing-service&endpoint=" + java.net.URLEncoder.encode("GET /prices/{sku}",
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(browser.text(".cache tbody tr td.hit-ratio")).isEqualTo("12 %");
            browser.screenshot("endpoint-story-5-cache");
        }
    }

    @Test
    void theOverviewLeadsToTheEndpointPageWhoseHistogramOpensSearches() {
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/?range=1h");
            WebElement link = browser.driver().findElements(By.cssSelector(".endpoints tbody tr")).stream()
                    .filter(row -> row.getText().startsWith("checkout-service POST /checkout")).findFirst().orElseThrow()
                    .findElement(By.cssSelector("a.endpoint-link"));
            browser.clickAndWait(link);

            assertThat(browser.text("main h1")).isEqualTo("checkout-service · POST /checkout");
            assertThat(browser.text("td.requests")).isEqualTo("81");
            assertThat(browser.text("td.p99")).isEqualTo("1200.0 ms");
            List<WebElement> bars = browser.driver().findElements(By.cssSelector("svg.histogram rect"));
            assertThat(bars).hasSize(9);
            assertThat(bars.get(7).findElement(By.tagName("title")).getAttribute("textContent")).isEqualTo("1–2 s: 1 requests (1.2 %)");
            assertThat(browser.driver().findElements(By.cssSelector("svg.series rect.deploy"))).isNotEmpty();
            browser.screenshot("endpoint-story-1");

            browser.clickAndWait(browser.driver().findElements(By.cssSelector("svg.histogram a")).get(7));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector(".results tbody tr"));
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().getText()).contains("1200.0 ms");
        }
    }
}
