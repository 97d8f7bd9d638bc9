package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The trace page in a real browser. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracePageIT extends IntegrationTest {

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
    void storyOneShowsTheWaterfallCriticalPathAndDiagnosis() {
        String traceId = OtlpFixture.slowCheckout().send(port, BOOTSTRAP_KEY);

        browser.openTrace(traceId);

        assertThat(browser.text(".diagnosis-summary"))
                .isEqualTo(
                        "the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); the bottleneck is an external dependency");
        assertThat(browser.text(".diagnosis-groups li")).startsWith("78 %").contains("external host");
        assertThat(browser.findAll(".waterfall .row:not(.head)")).hasSize(6);
        assertThat(browser.findAll(".waterfall .row.critical")).hasSize(6);
        assertThat(browser.text(".trace-summary h1")).contains("POST /checkout");
        browser.screenshot("trace-story-1");
    }

    @Test
    void aSpanAttributeHoldingScriptRendersAsText() {
        String traceId = OtlpFixture.slowCheckout().send(port, BOOTSTRAP_KEY);
        browser.openTrace(traceId);

        browser.find(".waterfall .row[data-span-id] .name").click();
        browser.find(".span-detail:not([hidden]) .attributes tr").waitFor();
        var note = browser.findAll(".span-detail:not([hidden]) .attributes tr").stream()
                .filter(row -> row.innerText().startsWith("note"))
                .findFirst()
                .orElseThrow();

        assertThat(note.locator("td").first().innerText()).isEqualTo("<script>alert(1)</script>");
        assertThat(browser.findAll(".span-detail script")).isEmpty();
        assertThat(browser.text(".span-detail:not([hidden]) h2")).isEqualTo("checkout · POST /checkout");
    }

    @Test
    void theTraceIdBoxTakesAnyFormAndSaysWhenATraceIsNotThere() {
        String traceId = OtlpFixture.slowCheckout().send(port, BOOTSTRAP_KEY);
        String pasted = "00-" + traceId.toUpperCase() + "-00f067aa0ba902b7-01";

        browser.open("/traces/" + "3".repeat(32));
        assertThat(browser.text("main h1")).isEqualTo("Trace not found");
        assertThat(browser.text("main p")).contains("not found in your projects");
        browser.screenshot("trace-not-found");

        browser.find(".trace-id-box input").fill(pasted);
        browser.clickAndWait(browser.find(".trace-id-box button"));
        assertThat(browser.text(".diagnosis-summary")).contains("external call");
        assertThat(browser.path()).isEqualTo("/traces/" + traceId);
    }
}
