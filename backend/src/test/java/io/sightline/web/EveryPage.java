package io.sightline.web;

import io.sightline.demo.StoryFixture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every page a signed-in admin can open, over a load of the stories: what the accessibility check
 * and the screenshots visit. A page added to the app belongs here.
 */
record EveryPage(String name, String path) {

    /** The sign-in page, which is seen signed out. */
    static final EveryPage LOGIN = new EveryPage("login", "/login");

    static List<EveryPage> signedIn(StoryFixture stories) {
        String checkout = stories.service("checkout-service");
        String catalog = stories.service("catalog-service");
        return List.of(
                new EveryPage("overview", "/?range=1h"),
                new EveryPage(
                        "endpoint",
                        "/endpoints?range=1h&service=" + checkout + "&endpoint=" + encode("POST /checkout")),
                new EveryPage("search", "/search?range=1h&service=" + checkout),
                new EveryPage("trace", "/traces/" + stories.slowCheckout()),
                new EveryPage("trace-failed", "/traces/" + stories.failingUserRequest()),
                new EveryPage(
                        "trace-side-by-side",
                        "/traces/compare?left=" + stories.productsBefore() + "&right=" + stories.productsAfter()),
                new EveryPage("deploys", "/deploys?service=" + catalog),
                new EveryPage("deploys-compare", "/deploys/compare?service=" + catalog),
                new EveryPage("alerts", "/alerts"),
                new EveryPage("settings-keys", "/settings/keys"),
                new EveryPage("settings-projects", "/settings/projects"),
                new EveryPage("account", "/settings/account"),
                new EveryPage("trace-not-found", "/traces/" + "0".repeat(31) + "1"),
                new EveryPage("error-404", "/nope"),
                new EveryPage("error-500", FailingPage.PATH));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
