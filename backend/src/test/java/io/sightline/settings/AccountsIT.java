package io.sightline.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Role;
import io.sightline.security.Users;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Account changes through the JSON API, each seen by the affected user's very next request: role
 * changes, deletion, membership removal, password changes and resets, the bootstrap key.
 */
class AccountsIT extends IntegrationTest {

    private static final String PASSWORD = "a-long-enough-password";

    @Autowired
    Users users;

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDemotedAdminLosesAdminPagesOnTheNextRequest() throws Exception {
        String name = "deputy-" + suffix();
        long id = users.create(name, PASSWORD, Role.ADMIN);
        HttpClient deputy = signIn(name, PASSWORD);
        assertThat(get(deputy, "/settings/projects").statusCode()).isEqualTo(200);

        users.changeRole(id, Role.VIEWER);

        assertThat(get(deputy, "/settings/projects").statusCode()).isEqualTo(403);
        assertThat(get(deputy, "/settings/account").body()).contains("viewer");
    }

    @Test
    void aDeletedUserIsSignedOutOnTheNextRequest() throws Exception {
        String name = "leaver-" + suffix();
        long id = users.create(name, PASSWORD, Role.MEMBER);
        HttpClient leaver = signIn(name, PASSWORD);
        assertThat(get(leaver, "/settings/account").statusCode()).isEqualTo(200);
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);

        assertThat(send(admin, "DELETE", "/api/v1/users/" + id, null).statusCode())
                .isEqualTo(204);

        HttpResponse<String> after = get(leaver, "/settings/account");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(users.idOf(name)).isEmpty();
        assertThat(send(admin, "DELETE", "/api/v1/users/" + id, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRemovedMemberLosesTheProjectOnTheNextRequest() throws Exception {
        String project = "removal-" + suffix();
        long projectId = projects.create(project);
        String name = "member-" + suffix();
        long id = users.create(name, PASSWORD, Role.MEMBER);
        users.addToProject(id, projectId);
        HttpClient member = signIn(name, PASSWORD);
        assertThat(get(member, "/settings/keys").body()).contains(project);

        HttpClient admin = signIn("admin", ADMIN_PASSWORD);
        String path = "/api/v1/projects/" + projectId + "/members/" + id;
        assertThat(send(admin, "DELETE", path, null).statusCode()).isEqualTo(204);

        assertThat(get(member, "/settings/keys").body()).doesNotContain(project);
        HttpResponse<String> again = send(admin, "DELETE", path, null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("is not a member");
    }

    @Test
    void usersChangeTheirOwnPasswordAndTheirOtherSessionsEnd() throws Exception {
        String name = "changer-" + suffix();
        users.create(name, PASSWORD, Role.VIEWER);
        HttpClient here = signIn(name, PASSWORD);
        HttpClient elsewhere = signIn(name, PASSWORD);

        HttpResponse<String> wrong = changePassword(here, "not-my-password", "a-brand-new-password");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("The current password is wrong.");
        HttpResponse<String> weak = changePassword(here, PASSWORD, "short");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("The password must have at least 12 characters.");
        HttpResponse<String> named = changePassword(here, PASSWORD, name);
        assertThat(named.body()).contains("must not be the user name");
        HttpResponse<String> form = send(here, "PUT", "/api/v1/account/password", "currentPassword=x");
        assertThat(form.statusCode())
                .as("only JSON: a cross-site form cannot send it")
                .isEqualTo(415);

        assertThat(changePassword(here, PASSWORD, "a-brand-new-password").statusCode())
                .isEqualTo(204);

        assertThat(get(here, "/settings/account").statusCode()).isEqualTo(200);
        assertThat(get(elsewhere, "/settings/account").statusCode()).isEqualTo(302);
        signIn(name, "a-brand-new-password");
    }

    @Test
    void anApiKeyHasNoPasswordAndCannotManageUsers() throws Exception {
        HttpResponse<String> change = HTTP.send(
                HttpRequest.newBuilder(uri("/api/v1/account/password"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"currentPassword\":\"x\",\"newPassword\":\"a-brand-new-password\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(change.statusCode()).isEqualTo(403);
        HttpResponse<String> delete = HTTP.send(
                HttpRequest.newBuilder(uri("/api/v1/users/1"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(403);

        String name = "plain-" + suffix();
        users.create(name, PASSWORD, Role.MEMBER);
        assertThat(send(signIn(name, PASSWORD), "DELETE", "/api/v1/users/1", null)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void anAdminResetsAPasswordAndCannotDeleteThemselves() throws Exception {
        String name = "forgetful-" + suffix();
        long id = users.create(name, PASSWORD, Role.MEMBER);
        HttpClient forgetful = signIn(name, PASSWORD);
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);

        HttpResponse<String> weak = send(admin, "PUT", "/api/v1/users/" + id + "/password", "{\"password\":\"123\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("The password must have at least 12 characters.");
        assertThat(send(admin, "PUT", "/api/v1/users/999999999/password", "{\"password\":\"a-reset-password\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(admin, "PUT", "/api/v1/users/" + id + "/password", "{\"password\":\"a-reset-password\"}")
                        .statusCode())
                .isEqualTo(204);

        assertThat(get(forgetful, "/settings/account").statusCode()).isEqualTo(302);
        signIn(name, "a-reset-password");

        long adminId = users.idOf("admin").orElseThrow();
        HttpResponse<String> self = send(admin, "DELETE", "/api/v1/users/" + adminId, null);
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(self.body()).contains("You cannot delete yourself");
    }

    @Test
    void anAdminRevokesTheBootstrapKey() throws Exception {
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);
        try {
            HttpResponse<String> revoked = send(admin, "DELETE", "/api/v1/bootstrap-key", null);
            assertThat(revoked.statusCode()).isEqualTo(200);
            assertThat(revoked.body()).isEqualTo("{\"revoked\":1}");
            assertThat(apiResponse("/api/services", BOOTSTRAP_KEY).statusCode()).isEqualTo(401);
        } finally {
            // Every other test of the run authenticates with the bootstrap key: give it back.
            jdbc.sql("UPDATE api_keys SET revoked_at = NULL WHERE bootstrap").update();
            assertThat(apiKeys.bootstrapLive()).isTrue();
        }
    }

    private HttpResponse<String> changePassword(HttpClient client, String current, String next)
            throws IOException, InterruptedException {
        return send(
                client,
                "PUT",
                "/api/v1/account/password",
                JSON.writeValueAsString(Map.of("currentPassword", current, "newPassword", next)));
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON call with the client's session; a body not starting with '{' is sent as a form. */
    private HttpResponse<String> send(HttpClient client, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header(
                            "Content-Type",
                            body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
