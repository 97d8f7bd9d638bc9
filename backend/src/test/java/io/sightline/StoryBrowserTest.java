package io.sightline;

import io.sightline.demo.StoryFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A page test in a real browser over its own load of the five stories, signed in as admin for the whole class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoryBrowserTest extends IntegrationTest {

    protected StoryFixture stories;
    protected Browser browser;

    @BeforeAll
    protected void loadStoriesAndSignIn() {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        browser = new Browser(port).signIn("admin", ADMIN_PASSWORD);
    }

    @AfterAll
    protected void closeBrowser() {
        browser.close();
    }
}
