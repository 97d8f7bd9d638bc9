package io.sightline.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.sightline.StoryBrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The search page in a real browser, over its own load of the stories. */
class SearchPageIT extends StoryBrowserTest {

    @Test
    void searchingByUserIdFindsStoryFoursOneFailingRequest() {
        browser.open("/search");
        browser.find("[name=user]").fill(stories.failingUser());
        browser.clickAndWait(browser.find(".filters button[type=submit]"));

        List<Locator> rows = browser.findAll(".results tbody tr");
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().innerText())
                .contains(
                        stories.service("cart-service"), "POST /cart/checkout", "ERROR", "500", stories.failingUser());
        assertThat(browser.path()).contains("user=" + stories.failingUser());
        browser.screenshot("search-story-4");

        browser.clickAndWait(rows.getFirst().locator("a.trace-link").first());
        assertThat(browser.text(".first-error")).contains("cart of " + stories.failingUser() + " is empty");
    }

    @Test
    void aboveP99ShowsOnlyTheSlowestCheckoutsAndTheLinkReproducesTheSearch() {
        browser.open("/search?range=1h&service=" + stories.service("checkout-service")
                + "&abovePercentile=99&sort=duration");

        List<Locator> rows = browser.findAll(".results tbody tr");
        assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(rows.getFirst().innerText()).contains("1.20 s");
        assertThat(browser.find("[name=abovePercentile]").inputValue()).isEqualTo("99");
        browser.screenshot("search-above-p99");
    }

    @Test
    void theOverviewListsEndpointsAndItsP99OpensThatSearch() {
        browser.open("/?range=1h");
        // innerText separates a row's cells with tabs.
        Locator checkout = browser.findAll(".endpoints tbody tr").stream()
                .filter(row -> row.innerText()
                        .replace('\t', ' ')
                        .startsWith(stories.service("checkout-service") + " POST /checkout"))
                .findFirst()
                .orElseThrow();
        List<Locator> cells = checkout.locator("td").all();
        assertThat(cells.get(2).innerText()).isEqualTo("81 requests");
        browser.screenshot("overview");

        String p99 = checkout.locator("td.p99").innerText();
        browser.clickAndWait(checkout.locator("td.p99 a").first());
        List<Locator> rows = browser.findAll(".results tbody tr");
        assertThat(rows).isNotEmpty();
        assertThat(rows.getFirst().locator("td.duration").innerText()).isEqualTo("1.20 s");
        assertThat(rows.getLast().locator("td.duration").innerText()).isEqualTo(p99);
    }

    @Test
    void aBadFilterIsExplainedNotFailed() {
        browser.open("/search?range=1h&httpStatus=teapot");

        assertThat(browser.text("p.error")).contains("httpStatus");
    }
}
