package io.sightline.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Story 2's deploy comparison in a real browser. */
class ComparePageIT extends IntegrationTest {

    @Test
    void theLastTwoDeploysOfCatalogShowGetProductsRegressedByAnNPlusOne() {
        StoryFixture stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        String catalog = stories.service("catalog-service");
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/deploys/compare?service=" + catalog);

            assertThat(browser.find("[name=before]").inputValue()).isEqualTo("1.4.0");
            assertThat(browser.find("[name=after]").inputValue()).isEqualTo("1.5.0");
            Locator first = browser.find("section.endpoint-comparison");
            assertThat(first.locator("h2").first().innerText()).isEqualTo("GET /products");
            assertThat(first.locator(".findings li").first().innerText())
                    .isEqualTo(
                            "N+1: SELECT * FROM product_prices WHERE product_id = $1 went from 1 to 47 calls per request");
            Locator call = first.locator(".operations tbody tr").first();
            assertThat(call.locator(".calls-before").first().innerText()).isEqualTo("1");
            assertThat(call.locator(".calls-after").first().innerText()).isEqualTo("47");
            // The overlaid histograms' legend gives each side's sample size: the requests in the table.
            first.locator(".compare-chart.drawn").waitFor();
            // The table counts "119 requests"; the legend gives the bare number.
            String before = first.locator("tr.before td").first().innerText().replaceAll("[^0-9]", "");
            String after = first.locator("tr.after td").first().innerText().replaceAll("[^0-9]", "");
            assertThat(first.locator(".compare-chart svg").first().textContent())
                    .contains("1.4.0 (n=" + before + ")", "1.5.0 (n=" + after + ")", "10–25 ms", "% of requests");
            browser.screenshot("compare-story-2");

            browser.clickAndWait(first.locator("a.side-by-side-link").first());
            browser.screenshot("compare-side-by-side");
            List<Locator> sides = browser.findAll("section.side");
            assertThat(sides).hasSize(2);
            assertThat(sides.get(0).locator("h2").first().innerText()).isEqualTo(catalog + " 1.4.0");
            assertThat(sides.get(0).locator(".span-count").first().innerText()).isEqualTo("2 spans");
            assertThat(sides.get(1).locator("h2").first().innerText()).isEqualTo(catalog + " 1.5.0");
            assertThat(sides.get(1).locator(".span-count").first().innerText()).isEqualTo("48 spans");
            assertThat(sides.get(1).locator(".repeated-calls").first().innerText())
                    .startsWith("47 sequential calls");
        }
    }
}
