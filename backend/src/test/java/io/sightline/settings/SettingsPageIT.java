package io.sightline.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Role;
import io.sightline.security.Scope;
import io.sightline.security.Users;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Access control in a real browser: roles, key management, project isolation, login throttling. */
class SettingsPageIT extends IntegrationTest {

    private static final String PASSWORD = "a-long-enough-password";

    @Autowired
    Users users;

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void aViewerCannotOpenKeyManagement() {
        String viewer = "viewer-" + suffix();
        users.addToProject(users.create(viewer, PASSWORD, Role.VIEWER), projects.defaultProjectId());
        try (Browser browser = new Browser(port).signIn(viewer, PASSWORD)) {
            browser.open("/settings/keys");
            assertThat(browser.text("main h1")).isEqualTo("Not allowed");
            browser.screenshot("settings-viewer-denied");
            browser.open("/search");
            assertThat(browser.text("main h1")).isEqualTo("Search requests");
        }
    }

    @Test
    void aMemberCreatesAKeyThatWorksOnceAndStopsWhenRevoked() {
        String member = "member-" + suffix();
        users.addToProject(users.create(member, PASSWORD, Role.MEMBER), projects.defaultProjectId());
        try (Browser browser = new Browser(port).signIn(member, PASSWORD)) {
            browser.open("/settings/keys");
            String name = "ci-" + suffix();
            browser.find("[name=name]").fill(name);
            browser.clickAndWait(browser.find("form.filters button[type=submit]"));
            String secret = browser.text("code.secret");
            browser.screenshot("settings-key-created");
            assertThat(secret).startsWith("sl_");

            OtlpFixture.slowCheckout().send(port, secret);

            browser.open("/settings/keys");
            assertThat(browser.page().content()).doesNotContain(secret);
            var row = browser.findAll(".keys tbody tr").stream()
                    .filter(r -> r.innerText().contains(name))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.innerText()).contains("ingest", "active");
            browser.clickAndWait(row.locator("button.revoke").first());
            var revoked = browser.findAll(".keys tbody tr").stream()
                    .filter(r -> r.innerText().contains(name))
                    .findFirst()
                    .orElseThrow();
            assertThat(revoked.innerText()).contains("revoked");
        }
    }

    @Test
    void aTraceOfAnotherProjectIsInvisibleToUsersOutsideIt() {
        long secret = projects.create("secret-" + suffix());
        String key = apiKeys.issue(secret, "ingest", EnumSet.of(Scope.INGEST)).secret();
        OtlpFixture trace = new OtlpFixture();
        trace.span("vault", null, "GET /secrets", Span.SpanKind.SPAN_KIND_SERVER, 0, 10, false);
        String traceId = trace.send(port, key);
        String outsider = "outsider-" + suffix();
        users.addToProject(users.create(outsider, PASSWORD, Role.MEMBER), projects.defaultProjectId());

        try (Browser browser = new Browser(port).signIn(outsider, PASSWORD)) {
            browser.open("/traces/" + traceId);
            assertThat(browser.text("main p")).contains("not found in your projects");
            browser.open("/search?range=1h&service=vault");
            assertThat(browser.text("p.empty")).isEqualTo("No requests match.");
        }
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/traces/" + traceId);
            assertThat(browser.text(".trace-summary h1")).contains("GET /secrets");
        }
    }

    @Test
    void anAdminManagesProjectsAndUsers() {
        String project = "team-" + suffix();
        String user = "newcomer-" + suffix();
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/settings/projects");
            browser.find("input[name=name]").fill(project);
            browser.clickAndWait(browser.find("button:text-is('Create project')"));
            assertThat(browser.text("p.notice")).isEqualTo("Project " + project + " created.");

            browser.find("input[name=username]:not([placeholder])").fill(user);
            browser.find("input[name=password]:not([placeholder])").fill(PASSWORD);
            browser.clickAndWait(browser.find("button:text-is('Create user')"));
            assertThat(browser.text("p.notice")).contains("User " + user + " created");

            var row = browser.findAll(".projects tbody tr").stream()
                    .filter(r -> r.innerText().startsWith(project))
                    .findFirst()
                    .orElseThrow();
            row.locator("[name=username]").first().fill(user);
            browser.clickAndWait(row.locator("button:text-is('Add')").first());
            assertThat(browser.text("p.notice")).isEqualTo(user + " added.");

            userRow(browser, user).locator("[name=role]").first().selectOption("VIEWER");
            browser.clickAndWait(userRow(browser, user).locator("button").first());
            assertThat(browser.text("p.notice")).isEqualTo("Role changed to viewer.");
            browser.screenshot("settings-admin");

            userRow(browser, user).locator("input[name=password]").fill("short");
            browser.clickAndWait(userRow(browser, user).locator("form.reset button"));
            assertThat(browser.text("p.error")).isEqualTo("The password must have at least 12 characters.");
            userRow(browser, user).locator("input[name=password]").fill("a-reset-password");
            browser.clickAndWait(userRow(browser, user).locator("form.reset button"));
            assertThat(browser.text("p.notice")).isEqualTo("Password reset; the user's sessions have ended.");

            var member = browser.findAll(".projects tbody tr").stream()
                    .filter(r -> r.innerText().startsWith(project))
                    .findFirst()
                    .orElseThrow()
                    .locator("form.member button.remove");
            browser.clickAndWait(member);
            assertThat(browser.text("p.notice")).isEqualTo("Member removed.");
            assertThat(projects.list(Set.of(projects.idOf(project).orElseThrow()))
                            .getFirst()
                            .members())
                    .isEmpty();

            browser.clickAndWait(userRow(browser, user).locator("form.delete button"));
            assertThat(browser.text("p.notice")).isEqualTo("User deleted.");
            assertThat(users.idOf(user)).isEmpty();
        }
    }

    @Test
    void aUserChangesTheirPasswordOnTheAccountPage() {
        String viewer = "self-service-" + suffix();
        users.create(viewer, PASSWORD, Role.VIEWER);
        try (Browser browser = new Browser(port).signIn(viewer, PASSWORD)) {
            browser.open("/settings/account");
            browser.find("[name=currentPassword]").fill(PASSWORD);
            browser.find("[name=newPassword]").fill("a-fresh-password-1");
            browser.find("[name=repeatPassword]").fill("a-fresh-password-2");
            browser.clickAndWait(browser.find("form.password button"));
            assertThat(browser.text("p.error")).isEqualTo("The two new passwords differ.");

            browser.find("[name=currentPassword]").fill(PASSWORD);
            browser.find("[name=newPassword]").fill("a-fresh-password-1");
            browser.find("[name=repeatPassword]").fill("a-fresh-password-1");
            browser.clickAndWait(browser.find("form.password button"));
            assertThat(browser.text("p.notice")).startsWith("Password changed.");
            browser.screenshot("settings-account");

            browser.open("/search");
            assertThat(browser.path()).as("still signed in").isEqualTo("/search");
        }
        try (Browser browser = new Browser(port).signIn(viewer, "a-fresh-password-1")) {
            assertThat(browser.path()).doesNotContain("error");
        }
    }

    private static Locator userRow(Browser browser, String user) {
        return browser.findAll(".users tbody tr").stream()
                .filter(r -> r.innerText().startsWith(user))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void signingOutEndsTheSession() {
        try (Browser browser = new Browser(port).signIn("admin", ADMIN_PASSWORD)) {
            browser.open("/search");
            browser.clickAndWait(browser.find("form.sign-out button"));
            assertThat(browser.path()).isEqualTo("/login?logout");
            assertThat(browser.text("p.notice")).isEqualTo("You are signed out.");
            browser.screenshot("login");

            browser.open("/search");
            assertThat(browser.path()).isEqualTo("/login");
        }
    }

    @Test
    void repeatedWrongPasswordsPauseSignIn() {
        String target = "target-" + suffix();
        users.create(target, PASSWORD, Role.MEMBER);
        try (Browser browser = new Browser(port)) {
            for (int i = 0; i < 5; i++) {
                browser.signIn(target, "wrong-password-" + i);
            }
            browser.signIn(target, PASSWORD);
            assertThat(browser.path()).isEqualTo("/login?locked");
            assertThat(browser.text("p.error")).contains("paused");
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
