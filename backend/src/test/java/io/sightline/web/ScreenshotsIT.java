package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.ColorScheme;
import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A full-page screenshot of every page over the stories, in light and dark mode, kept as build
 * output: {@code backend/target/screenshots/pages/<page>-<light|dark>.png} (never committed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScreenshotsIT extends IntegrationTest {

    StoryFixture stories;

    @BeforeAll
    void loadStories() {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
    }

    @Test
    void everyPageIsPhotographedInLightAndDarkMode() {
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            String suffix = "-" + scheme.name().toLowerCase(Locale.ROOT);
            try (Browser browser = new Browser(port).colorScheme(scheme)) {
                shoot(browser, EveryPage.LOGIN, suffix);
                browser.signIn("admin", ADMIN_PASSWORD);
                for (EveryPage page : EveryPage.signedIn(stories)) {
                    shoot(browser, page, suffix);
                }
            }
        }
    }

    private static void shoot(Browser browser, EveryPage page, String suffix) {
        browser.open(page.path());
        // Charts draw from the JSON APIs after the page loads; each marks itself drawn.
        browser.page()
                .waitForFunction("() => [...document.querySelectorAll('section.charts, .compare-chart')]"
                        + ".every(chart => chart.classList.contains('drawn'))");
        String name = "pages/" + page.name() + suffix;
        browser.fullPageScreenshot(name);
        Path file = Path.of("target", "screenshots", name + ".png");
        assertThat(file).as(page.path()).isNotEmptyFile();
        assertThat(file.toFile().length()).as("a page, not a blank image").isGreaterThan(5_000);
    }
}
