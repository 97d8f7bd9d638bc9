package io.sightline.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.Browser;
import io.sightline.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/** The search page in a real browser, over the demo stories. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sightline.demo=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPageIT extends IntegrationTest {

    Browser browser;

    @BeforeAll
    void signIn() {
        browser = new Browser(port).signIn("admin", ADMIN_PASSWORD);
    }

    @AfterAll
    void closeBrowser() {
        browser.close();
    }

    @Test
    void searchingByUserIdFindsStoryFoursOneFailingRequest() {
        browser.open("/search");
        browser.driver().findElement(By.name("user")).sendKeys("user-4711");
        browser.clickAndWait(browser.driver().findElement(By.cssSelector(".filters button[type=submit]")));

        List<WebElement> rows = browser.driver().findElements(By.cssSelector(".results tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().getText()).contains("cart-service", "POST /cart/checkout", "ERROR", "500", "user-4711");
        assertThat(browser.path()).contains("user=user-4711");
        browser.screenshot("search-story-4");

        browser.clickAndWait(rows.getFirst().findElement(By.cssSelector("a.trace-link")));
        assertThat(browser.text(".first-error")).contains("cart of user-4711 is empty");
    }

    @Test
    void aboveP99ShowsOnlyTheSlowestCheckoutsAndTheLinkReproducesTheSearch() {
        browser.open("/search?range=1h&service=checkout-service&abovePercentile=99&sort=duration");

        List<WebElement> rows = browser.driver().findElements(By.cssSelector(".results tbody tr"));
        assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(rows.getFirst().getText()).contains("1200.0 ms");
        assertThat(browser.driver().findElement(By.name("abovePercentile")).getAttribute("value")).isEqualTo("99");
        browser.screenshot("search-above-p99");
    }

    @Test
    void theOverviewListsEndpointsAndItsP99OpensThatSearch() {
        browser.open("/?range=1h");
        WebElement checkout = browser.driver().findElements(By.cssSelector(".endpoints tbody tr")).stream()
                .filter(row -> row.getText().startsWith("checkout-service POST /checkout")).findFirst().orElseThrow();
        List<WebElement> cells = checkout.findElements(By.tagName("td"));
        assertThat(Integer.parseInt(cells.get(2).getText())).isEqualTo(81);
        browser.screenshot("overview");

        String p99 = cells.get(8).getText();
        browser.clickAndWait(cells.get(8).findElement(By.tagName("a")));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector(".results tbody tr"));
        assertThat(rows).isNotEmpty();
        assertThat(rows.getFirst().findElement(By.cssSelector("td.duration")).getText()).isEqualTo("1200.0 ms");
        assertThat(rows.getLast().findElement(By.cssSelector("td.duration")).getText()).isEqualTo(p99);
    }

    @Test
    void aBadFilterIsExplainedNotFailed() {
        browser.open("/search?range=1h&httpStatus=teapot");

        assertThat(browser.text("p.error")).contains("httpStatus");
    }
}
