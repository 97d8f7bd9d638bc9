package io.sightline.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.Browser;
import io.sightline.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/** Story 2's deploy comparison in a real browser. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sightline.demo=true")
class ComparePageIT extends IntegrationTest {

    @Test
    void theLastTwoDeploysOfCatalogShowGetProductsRegressedByAnNPlusOne() {
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/deploys/compare?service=catalog-service");

            assertThat(browser.driver().findElement(By.name("before")).getAttribute("value")).isEqualTo("1.4.0");
            assertThat(browser.driver().findElement(By.name("after")).getAttribute("value")).isEqualTo("1.5.0");
            WebElement first = browser.driver().findElements(By.cssSelector("section.endpoint-comparison")).getFirst();
            assertThat(first.findElement(By.tagName("h2")).getText()).isEqualTo("GET /products");
            assertThat(first.findElement(By.cssSelector(".findings li")).getText())
                    .isEqualTo("N+1: SELECT * FROM product_prices WHERE product_id = $1 went from 1 to 47 calls per request");
            WebElement call = first.findElements(By.cssSelector(".operations tbody tr")).getFirst();
            assertThat(call.findElement(By.cssSelector(".calls-before")).getText()).isEqualTo("1.0");
            assertThat(call.findElement(By.cssSelector(".calls-after")).getText()).isEqualTo("47.0");
            assertThat(first.findElements(By.cssSelector("svg.overlaid rect.after"))).hasSize(9);
            browser.screenshot("compare-story-2");

            browser.clickAndWait(first.findElement(By.cssSelector("a.side-by-side-link")));
            browser.screenshot("compare-side-by-side");
            var sides = browser.driver().findElements(By.cssSelector("section.side"));
            assertThat(sides).hasSize(2);
            assertThat(sides.get(0).findElement(By.tagName("h2")).getText()).isEqualTo("catalog-service 1.4.0");
            assertThat(sides.get(0).findElement(By.cssSelector(".span-count")).getText()).isEqualTo("2 spans");
            assertThat(sides.get(1).findElement(By.tagName("h2")).getText()).isEqualTo("catalog-service 1.5.0");
            assertThat(sides.get(1).findElement(By.cssSelector(".span-count")).getText()).isEqualTo("48 spans");
            assertThat(sides.get(1).findElement(By.cssSelector(".repeated-calls")).getText()).startsWith("47 sequential calls");
        }
    }
}
