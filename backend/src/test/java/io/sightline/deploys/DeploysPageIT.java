package io.sightline.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The deploys home lists story 2's deploy with its N+1 verdict, and its link opens that comparison. */
class DeploysPageIT extends IntegrationTest {

    static final String N_PLUS_ONE = "SELECT * FROM product_prices WHERE product_id = $1";

    @Test
    void story2sDeployIsListedWithItsNPlusOneAndOpensItsComparison() {
        StoryFixture stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        String catalog = stories.service("catalog-service");
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/deploys");
            assertThat(browser.text("h1")).isEqualTo("Deploys");
            assertThat(browser.page().content()).doesNotContain("Whitelabel");

            browser.clickAndWait(browser.page()
                    .locator("tr.deploy td.service a")
                    .getByText(catalog, new Locator.GetByTextOptions().setExact(true))
                    .first());
            Locator newest = browser.find("tr.deploy");
            assertThat(newest.locator(".version").innerText()).isEqualTo("1.5.0");
            assertThat(newest.locator(".environment").innerText()).isEqualTo("production");
            assertThat(newest.locator(".previous").innerText()).isEqualTo("1.4.0");
            assertThat(newest.locator(".when").innerText()).matches("1[3-5] min ago · .* UTC");
            assertThat(newest.locator(".n-plus-one").innerText())
                    .isEqualTo("N+1 introduced on GET /products: " + N_PLUS_ONE
                            + " went from 1.0 to 47.0 calls per request");
            assertThat(newest.locator(".p95").innerText()).startsWith("Worst p95: GET /products ");
            assertThat(newest.locator(".error-rate").innerText()).isEqualTo("Error rate: GET /products 0.0 % → 0.0 %");
            assertThat(browser.findAll("tr.deploy")).hasSize(2);
            browser.screenshot("deploys-home");

            browser.clickAndWait(newest.locator("a.compare-link"));
            assertThat(browser.path()).startsWith("/deploys/compare?service=" + catalog + "&before=1.4.0&after=1.5.0");
            assertThat(browser.find("[name=before]").inputValue()).isEqualTo("1.4.0");
            assertThat(browser.find("[name=after]").inputValue()).isEqualTo("1.5.0");
            Locator first = browser.find("section.endpoint-comparison");
            assertThat(first.locator("h2").first().innerText()).isEqualTo("GET /products");
            assertThat(first.locator(".findings li").first().innerText())
                    .isEqualTo("N+1: " + N_PLUS_ONE + " went from 1 to 47 calls per request");
            assertThat(browser.findAll(".no-traffic")).isEmpty();
        }
    }

    @Test
    void theApiGivesTheSameVerdict() throws Exception {
        StoryFixture stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        String catalog = stories.service("catalog-service");
        JsonNode deploys =
                api("/api/v1/deploys/recent?range=1h&service=" + catalog).get("deploys");
        assertThat(deploys.size()).isEqualTo(2);
        JsonNode newest = deploys.get(0);
        assertThat(newest.get("deploy").get("version").asString()).isEqualTo("1.5.0");
        assertThat(newest.get("previous").get("version").asString()).isEqualTo("1.4.0");
        assertThat(newest.get("compareUrl").asString())
                .startsWith("/deploys/compare?service=" + catalog + "&before=1.4.0&after=1.5.0&from=");
        JsonNode verdict = newest.get("verdict");
        assertThat(verdict.get("regressed").asBoolean()).isTrue();
        assertThat(verdict.get("nPlusOne").get("statement").asString()).isEqualTo(N_PLUS_ONE);
        assertThat(verdict.get("nPlusOne").get("callsPerRequestAfter").asDouble())
                .isEqualTo(47);
        assertThat(verdict.get("worstP95").get("endpoint").asString()).isEqualTo("GET /products");
        assertThat(verdict.get("worstP95").get("afterMs").asDouble()).isGreaterThan(700);
        assertThat(verdict.get("missing").isNull()).isTrue();
        // The first deploy of the service has nothing to be judged against.
        assertThat(deploys.get(1).get("verdict").isNull()).isTrue();
        assertThat(deploys.get(1).get("previous").isNull()).isTrue();
    }

    @Test
    void aComparisonOfAVersionWithoutTrafficSaysWhichSideAndWhy() {
        StoryFixture stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        String catalog = stories.service("catalog-service");
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/deploys/compare?service=" + catalog + "&before=1.3.0&after=1.5.0");
            assertThat(browser.text(".no-traffic"))
                    .startsWith("Before: no requests of " + catalog + " 1.3.0 between ")
                    .endsWith("No deploy of that version is known: check the version, or send spans with"
                            + " service.version = 1.3.0.");
            browser.open("/deploys/compare?service=" + catalog + "&before=1.4.0&after=1.5.0&range=10m");
            assertThat(browser.text(".no-traffic"))
                    .startsWith("Before: no requests of " + catalog + " 1.4.0 between ")
                    .endsWith(", before this window starts.")
                    .contains("It was replaced by 1.5.0 at ");
        }
    }

    @Test
    void aComparisonWithNothingChosenIsOfTheServiceDeployedLast() {
        StoryFixture.load(port, BOOTSTRAP_KEY);
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/deploys");
            String service = browser.find("tr.deploy .service").innerText();
            String version = browser.find("tr.deploy .version").innerText();
            browser.open("/deploys/compare");
            assertThat(browser.find("[name=service]").inputValue()).isEqualTo(service);
            assertThat(browser.find("[name=after]").inputValue()).isEqualTo(version);
        }
    }

    @Test
    void theDeploysPageAnswersABadRangeOnItselfNeverWithAWhitelabelPage() throws Exception {
        HttpResponse<String> page = signIn("admin", ADMIN_PASSWORD)
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + port + "/deploys?range=soon"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .doesNotContain("Whitelabel")
                .contains("&#39;range&#39; use a number and m, h or d, such as 15m, 1h or 7d");
    }
}
