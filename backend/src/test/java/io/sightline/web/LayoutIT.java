package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.ColorScheme;
import io.sightline.Browser;
import io.sightline.StoryBrowserTest;
import io.sightline.security.Role;
import io.sightline.security.Users;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the layout gives every page, in a real browser: the time picker, dark mode, the error pages, the skip link. */
class LayoutIT extends StoryBrowserTest {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    @Autowired
    Users users;

    @Test
    void choosingARelativeRangeChangesTheUrlAndKeepsTheOtherParameters() {
        String checkout = stories.service("checkout-service");
        browser.open("/search?range=1h&service=" + checkout);
        assertThat(browser.find(".time-picker a[aria-current=true]").innerText())
                .isEqualTo("1 hour");

        browser.clickAndWait(browser.find(".time-picker a:text-is('6 hours')"));

        assertThat(browser.path()).contains("range=6h").contains("service=" + checkout);
        assertThat(browser.find(".time-picker a[aria-current=true]").innerText())
                .isEqualTo("6 hours");
        assertThat(browser.find("[name=service]").inputValue()).isEqualTo(checkout);
        assertThat(browser.findAll(".results tbody tr")).isNotEmpty();
    }

    @Test
    void anAbsoluteWindowIsReadInUtcAndKeptInTheUrl() {
        String checkout = stories.service("checkout-service");
        browser.open("/endpoints?range=1h&service=" + checkout + "&endpoint="
                + URLEncoder.encode("POST /checkout", StandardCharsets.UTF_8));
        Instant to = Instant.now().plus(1, ChronoUnit.MINUTES);
        Instant from = to.minus(2, ChronoUnit.HOURS);

        browser.find(".time-picker [name=from]").fill(LOCAL.format(from));
        browser.find(".time-picker [name=to]").fill(LOCAL.format(to));
        browser.clickAndWait(browser.find(".time-picker button[type=submit]"));

        assertThat(browser.path())
                .contains("from=" + LOCAL.format(from).replace(":", "%3A"))
                .contains("service=" + checkout)
                .doesNotContain("range=");
        assertThat(browser.find(".time-picker a[aria-current=true]").count()).isZero();
        assertThat(browser.find(".time-picker [name=from]").inputValue()).isEqualTo(LOCAL.format(from));
        assertThat(browser.text("main h1")).isEqualTo(checkout + " · POST /checkout");
        assertThat(browser.text(".facts")).contains(LOCAL.format(from).replace('T', ' '));
        assertThat(browser.text("td.p99")).isEqualTo("1.20 s");
    }

    @Test
    void darkModeFollowsTheSystemsColourScheme() {
        try (Browser dark = new Browser(port).colorScheme(ColorScheme.DARK)) {
            dark.signIn("admin", ADMIN_PASSWORD).open("/");
            browser.colorScheme(ColorScheme.LIGHT).open("/");
            String script = "() => getComputedStyle(document.body).backgroundColor";

            assertThat(browser.page().evaluate(script)).isEqualTo("rgb(255, 255, 255)");
            assertThat(dark.page().evaluate(script)).isEqualTo("rgb(20, 23, 28)");
        }
    }

    @Test
    void anUnknownPageIsANotFoundPageInTheLayoutWithAWayBack() {
        Response response = browser.page().navigate("http://localhost:" + port + "/nope");

        assertThat(response.status()).isEqualTo(404);
        assertThat(browser.text("main h1")).isEqualTo("Page not found");
        assertThat(browser.text("main")).contains("/nope");
        assertThat(browser.find("header.top .brand").isVisible()).isTrue();
        assertThat(browser.page().content()).doesNotContain("Whitelabel");

        browser.clickAndWait(browser.find("main .way-back a"));
        assertThat(browser.path()).isEqualTo("/");
    }

    @Test
    void aFailingPageIsAnErrorPageInTheLayoutThatGivesNothingAway() {
        Response response = browser.page().navigate("http://localhost:" + port + FailingPage.PATH);

        assertThat(response.status()).isEqualTo(500);
        assertThat(browser.text("main h1")).isEqualTo("Something went wrong");
        assertThat(browser.text("main")).contains(FailingPage.PATH);
        assertThat(browser.page().content())
                .doesNotContain("IllegalStateException")
                .doesNotContain("only tests provoke")
                .doesNotContain("Whitelabel");
        assertThat(browser.find("main .way-back a").isVisible()).isTrue();
    }

    @Test
    void anyOtherErrorOfAPageIsShownInTheLayoutNeverAsTheWhitelabelPage() {
        Response response = browser.page().navigate("http://localhost:" + port + "/traces/compare");

        assertThat(response.status()).isEqualTo(400);
        assertThat(browser.text("main h1")).isEqualTo("Bad Request");
        assertThat(browser.text("main")).contains("/traces/compare");
        assertThat(browser.find("main .way-back a").isVisible()).isTrue();
        assertThat(browser.page().content()).doesNotContain("Whitelabel");
    }

    @Test
    void aPageTheRoleMayNotSeeIsAForbiddenPageInTheLayoutWithAWayBack() {
        String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, "a-long-enough-password", Role.VIEWER);
        try (Browser viewer = new Browser(port).signIn(name, "a-long-enough-password")) {
            Response response = viewer.page().navigate("http://localhost:" + port + "/settings/projects");

            assertThat(response.status()).isEqualTo(403);
            assertThat(viewer.text("main h1")).isEqualTo("Not allowed");
            assertThat(viewer.find("header.top .brand").isVisible()).isTrue();
            assertThat(viewer.find("main .way-back a").getAttribute("href")).isEqualTo("/");
        }
    }

    @Test
    void theSkipLinkIsTheFirstStopAndLeadsToTheContent() {
        browser.open("/");
        browser.page().keyboard().press("Tab");

        assertThat(browser.page().evaluate("() => document.activeElement.textContent"))
                .isEqualTo("Skip to content");
        browser.page().keyboard().press("Enter");
        // Following the link is a task after the key press: wait for it rather than read the URL at once.
        browser.page().waitForURL(Pattern.compile(".*#main$"));
        assertThat(browser.page().url()).endsWith("#main");
    }
}
