package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.ColorScheme;
import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import io.sightline.security.Role;
import io.sightline.security.Users;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * axe-core over every page, in light and dark mode: no serious or critical violation (missing
 * labels or landmarks, too little contrast, broken ARIA…). axe is the npm package the frontend build
 * installed ({@code sightline.axe.script}, set by the pom), injected by Playwright before each page's
 * own scripts, so nothing is fetched at test time and the pages keep their CSP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityIT extends IntegrationTest {

    // The violations of the rules axe runs by default (WCAG 2 A and AA, best practices) that matter most.
    private static final String RUN_AXE = """
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                  + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
            }""";

    private static final String VIEWER_PASSWORD = "a-long-enough-password";

    @Autowired
    Users users;

    StoryFixture stories;
    String axe;
    String viewerName;

    @BeforeAll
    void load() throws IOException {
        axe = Files.readString(Path.of(System.getProperty("sightline.axe.script")));
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        // The forbidden page is what a viewer sees of the admin pages.
        viewerName = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(viewerName, VIEWER_PASSWORD, Role.VIEWER);
    }

    @Test
    void everyPageHasNoSeriousOrCriticalViolationInEitherColourScheme() {
        List<String> violations = new ArrayList<>();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            try (Browser browser = new Browser(port).addInitScript(axe).colorScheme(scheme)) {
                check(browser, EveryPage.LOGIN, scheme, violations);
                browser.signIn("admin", ADMIN_PASSWORD);
                for (EveryPage page : EveryPage.signedIn(stories)) {
                    check(browser, page, scheme, violations);
                }
            }
            try (Browser viewer = new Browser(port).addInitScript(axe).colorScheme(scheme)) {
                viewer.signIn(viewerName, VIEWER_PASSWORD);
                check(viewer, new EveryPage("error-403", "/settings/projects"), scheme, violations);
            }
        }
        assertThat(violations).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void check(Browser browser, EveryPage page, ColorScheme scheme, List<String> violations) {
        browser.open(page.path());
        assertThat(browser.page().title()).as(page.path()).contains("Sightline");
        for (Object violation : (List<Object>) browser.page().evaluate(RUN_AXE)) {
            violations.add(page.name() + " (" + scheme + "): " + violation);
        }
    }
}
