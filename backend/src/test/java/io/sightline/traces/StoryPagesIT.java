package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.sightline.StoryBrowserTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The trace view of the stories in a real browser, over its own load of them. */
class StoryPagesIT extends StoryBrowserTest {

    @Override
    @AfterAll
    protected void closeBrowser() {
        var errors = browser.consoleErrors();
        super.closeBrowser();
        assertThat(errors).as("console errors and CSP violations").isEmpty();
    }

    @Test
    void storyThreeShowsProducerConsumerAndTheFailingSql() {
        browser.openTrace(stories.stagingFailure());

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
        browser.openTrace(stories.productsAfter());

        // The headline names the repeated statement and its share, not the root's own 24 ms.
        assertThat(browser.text(".diagnosis-summary"))
                .startsWith("47 sequential calls of SELECT * FROM product_prices WHERE product_id = $1 account for ")
                .contains("(97 %)")
                .endsWith("— likely N+1 in " + stories.service("catalog-service"));
        assertThat(browser.text(".diagnosis-groups li")).startsWith("97 %").contains("repeated statement", "47 spans");

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
        browser.openTrace(firstTrace("service=" + stories.service("pricing-service")));

        row("GET").click();
        assertThat(browser.text(".span-detail:not([hidden]) .cache")).isIn("cache hit", "cache miss");
    }

    @Test
    void storyFourLeadsWithTheFailureOnThePageAndInTheApi() throws Exception {
        browser.openTrace(stories.failingUserRequest());

        String expected = "POST /cart/checkout in " + stories.service("cart-service")
                + " failed with HTTP 500 because CheckoutHandler.handle threw EmptyCartException (\"cart of "
                + stories.failingUser() + " is empty\") right after "
                + "SELECT sku, quantity FROM cart_items WHERE user_id = $1 returned 0 rows";
        assertThat(browser.text(".diagnosis-summary")).isEqualTo(expected);

        JsonNode diagnosis =
                api("/api/v1/traces/" + stories.failingUserRequest()).get("diagnosis");
        assertThat(diagnosis.get("summary").asString()).isEqualTo(expected);
        JsonNode failure = diagnosis.get("failure");
        assertThat(failure.get("httpStatus").asInt()).isEqualTo(500);
        assertThat(failure.get("cause").get("type").asString()).isEqualTo("com.example.cart.EmptyCartException");
        assertThat(failure.get("evidence").get("statement").asString())
                .isEqualTo("SELECT sku, quantity FROM cart_items WHERE user_id = $1");
        assertThat(failure.get("evidence").get("returnedRows").asLong()).isZero();
        assertThat(diagnosis.get("groups").get(0).get("kind").asString()).isEqualTo("OWN_CODE");

        row("CheckoutHandler.handle").click();
        Locator exception = browser.find(".span-detail:not([hidden]) .event.exception");
        assertThat(exception.locator("p").innerText())
                .isEqualTo("com.example.cart.EmptyCartException: cart of " + stories.failingUser() + " is empty");
        assertThat(exception.locator("pre.stacktrace").innerText()).contains("CheckoutHandler.java:57");
    }

    private Locator row(String name) {
        return browser.findAll(".waterfall .row[data-span-id]").stream()
                .filter(row -> row.locator(".name").first().innerText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private String firstTrace(String query) throws Exception {
        return api("/api/v1/search?range=1h&limit=1&" + query)
                .get("results")
                .get(0)
                .get("traceId")
                .asString();
    }
}
