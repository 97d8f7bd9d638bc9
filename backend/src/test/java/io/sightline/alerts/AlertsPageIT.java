package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.SelectOption;
import io.sightline.Browser;
import io.sightline.StoryBrowserTest;
import io.sightline.security.Projects;
import io.sightline.security.Role;
import io.sightline.security.Users;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * {@code /alerts} in a browser: an admin creates a rule with the form, sees its form's 400 as a
 * message, sees the rule fire with the slow checkout as its exemplar and follows the link to the
 * trace, and deletes it; a viewer reads rules without forms; the key page grants the manage scope.
 */
@Import(CapturedAlerts.class)
class AlertsPageIT extends StoryBrowserTest {

    private static final String PASSWORD = "a-long-enough-password";

    @Autowired
    MovableClock clock;

    @Autowired
    CapturedAlerts.Delivery delivery;

    @Autowired
    AlertEvaluation evaluation;

    @Autowired
    AlertRuleRepository rules;

    @Autowired
    Users users;

    @Autowired
    Projects projects;

    @Test
    void anAdminCreatesARuleSeesItFireWithItsExemplarAndDeletesIt() {
        String name = "Checkout p99 " + UUID.randomUUID().toString().substring(0, 6);
        browser.open("/alerts");
        assertThat(browser.text("main h1")).isEqualTo("Alerts");
        fillRule(name, "lots");
        browser.clickAndWait(browser.find(".new-rule button[type=submit]"));
        assertThat(browser.text("main .error")).isEqualTo("'threshold' must be a number, such as 1000 (not a string)");

        fillRule(name, "1000");
        browser.clickAndWait(browser.find(".new-rule button[type=submit]"));
        assertThat(browser.text("main h1")).isEqualTo(name);
        assertThat(browser.text(".rule-summary .condition")).isEqualTo("p99 above 1.00 s over 15m");
        assertThat(browser.text(".rule-summary .state")).startsWith("ok since ");
        long id = Long.parseLong(browser.path().substring("/alerts/".length()));

        delivery.exemplarTraceId = stories.slowCheckout();
        Instant now = Instant.now();
        clock.set(now);
        assertThat(evaluation.evaluate(rules.findById(id).orElseThrow(), now)).isPresent();

        browser.open("/alerts/" + id);
        assertThat(browser.text(".rule-summary .state")).startsWith("firing since ");
        Locator event = browser.find(".history .event");
        assertThat(event.locator(".event-state").innerText()).isEqualTo("firing");
        assertThat(event.locator(".event-value").innerText())
                .matches("POST /checkout: 1\\.[12][0-9] s \\(line 1\\.00 s\\)");
        assertThat(event.locator(".exemplar .diagnosis").innerText()).contains("POST stripe.com/v1/charges");
        browser.screenshot("alerts-rule-firing");

        browser.open("/alerts");
        Locator row = browser.page().locator("tr.rule").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row.locator(".state").innerText()).isEqualTo("firing");
        assertThat(row.locator(".condition").innerText()).isEqualTo("p99 above 1.00 s over 15m");
        browser.screenshot("alerts-list");

        browser.clickAndWait(row.locator(".name a"));
        browser.clickAndWait(browser.find(".exemplar a"));
        assertThat(browser.path()).isEqualTo("/traces/" + stories.slowCheckout());

        browser.open("/alerts/" + id);
        browser.clickAndWait(browser.find("button.delete"));
        assertThat(browser.path()).isEqualTo("/alerts");
        assertThat(browser.page()
                        .locator("tr.rule")
                        .filter(new Locator.FilterOptions().setHasText(name))
                        .count())
                .isZero();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aViewerReadsRulesWithoutForms() throws Exception {
        String viewer = "alerts-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        users.addToProject(users.create(viewer, PASSWORD, Role.VIEWER), projects.defaultProjectId());
        HttpResponse<String> created = HTTP.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/alerts"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                """
                                {"type": "deploy", "name": "Viewed %s", "service": "%s",
                                 "webhookUrl": "https://203.0.113.10/hook"}""".formatted(viewer, stories.service("catalog-service"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long id = JSON.readTree(created.body()).get("id").asLong();

        try (Browser viewing = new Browser(port).signIn(viewer, PASSWORD)) {
            viewing.open("/alerts");
            assertThat(viewing.page()
                            .locator("tr.rule")
                            .filter(new Locator.FilterOptions().setHasText("Viewed " + viewer))
                            .count())
                    .isEqualTo(1);
            assertThat(viewing.findAll(".new-rule")).isEmpty();
            viewing.open("/alerts/" + id);
            assertThat(viewing.text(".rule-summary .condition")).startsWith("a deploy with a new N+1");
            assertThat(viewing.text(".rule-summary .webhook")).isEqualTo("json to https://203.0.113.10/…");
            assertThat(viewing.findAll(".edit-rule")).isEmpty();
            assertThat(viewing.findAll("form.rule-form")).isEmpty();
        }
    }

    @Test
    void theKeyPageGrantsTheManageScope() throws Exception {
        String name = "alerts-ci-" + UUID.randomUUID().toString().substring(0, 8);
        browser.open("/settings/keys");
        browser.find("select[name=project]").selectOption(new SelectOption().setLabel("default"));
        browser.find("[name=name]").fill(name);
        browser.find("[name=scopes][value=INGEST]").uncheck();
        browser.find("[name=scopes][value=MANAGE]").check();
        browser.clickAndWait(browser.find("form.filters button[type=submit]"));
        String secret = browser.text("code.secret");

        assertThat(apiResponse("/api/v1/alerts", secret).statusCode()).isEqualTo(200);
        assertThat(apiResponse("/api/v1/endpoints", secret).statusCode())
                .as("manage alone reads no spans")
                .isEqualTo(403);
        browser.open("/settings/keys");
        Locator row = browser.page().locator(".keys tbody tr").filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row.innerText()).contains("manage");
    }

    private void fillRule(String name, String threshold) {
        browser.find(".new-rule select[name=project]").selectOption(new SelectOption().setLabel("default"));
        browser.find(".new-rule [name=name]").fill(name);
        browser.find(".new-rule [name=service]").fill(stories.service("checkout-service"));
        browser.find(".new-rule [name=endpoint]").fill("POST /checkout");
        browser.find(".new-rule select[name=metric]").selectOption("p99");
        browser.find(".new-rule select[name=operator]").selectOption("above");
        browser.find(".new-rule [name=threshold]").fill(threshold);
        browser.find(".new-rule [name=window]").fill("15m");
        browser.find(".new-rule [name=webhookUrl]").fill("https://203.0.113.10/hook");
    }
}
