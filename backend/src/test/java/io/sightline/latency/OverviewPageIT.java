package io.sightline.latency;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.sightline.StoryBrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The overview in a real browser: formatted numbers, sorting by a column, the filter, sparklines. */
class OverviewPageIT extends StoryBrowserTest {

    @Test
    void numbersAreFormattedWithUnitsAndPlurals() {
        browser.open("/?range=1h&q=" + stories.service("checkout-service"));

        Locator checkout = row(stories.service("checkout-service") + " POST /checkout");
        assertThat(checkout.locator("td.p99").innerText()).isEqualTo("1.20 s");
        assertThat(checkout.locator("td.rate").innerText()).matches("[0-9.]+/(s|min)");
        assertThat(checkout.locator("td").nth(2).innerText()).isEqualTo("81 requests");
        assertThat(checkout.locator("svg.sparkline polyline").getAttribute("points"))
                .matches("[0-9., ]+");
        assertThat(checkout.locator("svg.sparkline").getAttribute("aria-label")).startsWith("Requests over the window");
    }

    @Test
    void aColumnHeaderSortsAndSortsBackAndTheOrderIsInTheUrl() {
        browser.open("/?range=1h&q=" + stories.tag());
        assertThat(requests()).hasSizeGreaterThan(3);

        browser.clickAndWait(browser.find("th a.sort:text-is('Requests')"));

        assertThat(browser.path())
                .contains("sort=requests")
                .contains("order=desc")
                .contains("q=");
        assertThat(browser.find("th[aria-sort=descending]").innerText()).startsWith("Requests");
        List<Long> descending = requests();
        assertThat(descending).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        // From the keyboard: the header is a link, focused and followed with Enter.
        browser.find("th a.sort:text-is('Requests')").focus();
        browser.page().evaluate("() => window.sightlineOldPage = true");
        browser.page().keyboard().press("Enter");
        browser.page().waitForFunction("() => !window.sightlineOldPage");

        assertThat(browser.path()).contains("order=asc");
        assertThat(browser.find("th[aria-sort=ascending]").innerText()).startsWith("Requests");
        assertThat(requests()).isSorted().containsExactlyInAnyOrderElementsOf(descending);
    }

    @Test
    void theFilterKeepsOnlyMatchingServicesAndEndpointsAndTheWindow() {
        String cart = stories.service("cart-service");
        browser.open("/?range=6h");

        browser.find("[name=q]").fill(cart);
        browser.clickAndWait(browser.find(".overview-filter button[type=submit]"));

        assertThat(browser.path()).contains("range=6h").contains("q=" + cart);
        List<Locator> rows = browser.findAll(".endpoints tbody tr");
        assertThat(rows)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.innerText()).contains(cart));

        browser.open("/?range=1h&q=no-such-service-anywhere");
        assertThat(browser.text("p.empty")).contains("no-such-service-anywhere");
    }

    @Test
    void anUnknownSortColumnIsExplained() {
        browser.open("/?range=1h&sort=colour");

        assertThat(browser.text("p.error")).contains("sort").contains("p95");
    }

    @Test
    void eachEndpointsRequestSeriesAddsUpToItsRequestsOnRawSpansAndOnTheRollup() throws Exception {
        String checkout = stories.service("checkout-service");
        for (String range : List.of("1h", "7d")) {
            JsonNode rows = api("/api/v1/endpoints?range=" + range + "&service=" + checkout)
                    .get("endpoints");
            assertThat(rows.size()).as(range).isPositive();
            for (JsonNode row : rows) {
                long sum = 0;
                for (JsonNode step : row.get("requestSeries")) {
                    sum += step.asLong();
                }
                assertThat(row.get("requestSeries").size()).as(range).isBetween(24, 26);
                assertThat(sum)
                        .as(range + " " + row.get("endpoint"))
                        .isEqualTo(row.get("requests").asLong());
            }
        }
    }

    private Locator row(String start) {
        // innerText separates a row's cells with tabs.
        return browser.findAll(".endpoints tbody tr").stream()
                .filter(row -> row.innerText().replace('\t', ' ').startsWith(start))
                .findFirst()
                .orElseThrow();
    }

    private List<Long> requests() {
        return browser.findAll(".endpoints tbody tr").stream()
                .map(row -> Long.parseLong(row.locator("td").nth(2).innerText().replaceAll("[^0-9]", "")))
                .toList();
    }
}
