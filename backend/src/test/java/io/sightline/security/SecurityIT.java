package io.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SecurityIT extends IntegrationTest {

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Autowired
    LoginThrottle throttle;

    private final HttpClient http =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @Test
    void healthAnswersWithoutCredentialsAndReportsTheStores() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("db");
    }

    @Test
    void firstStartMadeTheDefaultProjectAndRegisteredTheBootstrapKey() {
        long project = projects.defaultProjectId();

        assertThat(apiKeys.authenticate(BOOTSTRAP_KEY)).hasValueSatisfying(key -> {
            assertThat(key.projectId()).isEqualTo(project);
            assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.READ, Scope.MANAGE);
        });
    }

    @Test
    void apisAnswer401WithoutAKeyOrWithAWrongOne() throws Exception {
        assertThat(get("/api/services", null).statusCode()).isEqualTo(401);

        HttpResponse<String> wrong = get("/api/services", "sl_not_a_real_key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("invalid or revoked API key");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void ingestNeedsTheIngestScope() throws Exception {
        long project = projects.create("read-only-" + UUID.randomUUID());
        IssuedKey readOnly = apiKeys.issue(project, "reader", EnumSet.of(Scope.READ));

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/v1/traces"))
                        .header("Authorization", "Bearer " + readOnly.secret())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void keysAreStoredOnlyAsHashes() {
        long project = projects.create("hashes-" + UUID.randomUUID());
        IssuedKey key = apiKeys.issue(project, "k", EnumSet.of(Scope.INGEST));

        assertThat(key.secret()).startsWith("sl_").hasSizeGreaterThan(40);
        assertThat(apiKeys.exists(key.secret())).isTrue();
        assertThat(ApiKeys.hash(key.secret())).hasSize(64).doesNotContain(key.secret());
        assertThat(apiKeys.authenticate(key.secret() + "x")).isEmpty();
    }

    @Test
    void pagesRedirectToLoginAndAdminCanSignInAndOut() throws Exception {
        HttpResponse<String> anonymous = get("/traces/0af7651916cd43dd8448eb211c80319c", null);
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> loginPage = get("/login", null);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(loginPage.headers().firstValue("X-Frame-Options")).hasValue("DENY");

        HttpResponse<String> wrongPassword = postLogin(http, "/login", "admin", "nope");
        assertThat(wrongPassword.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

        HttpResponse<String> signedIn = postLogin(http, "/login", "admin", ADMIN_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void theLockHoldsOnEveryPathSpringSecurityTakesForTheLoginForm() throws Exception {
        String target = "encoded-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(target, "the-right-password", Role.MEMBER);
        HttpClient client = clientFrom("127.0.3.1");
        for (int i = 0; i < throttle.limits().maxFailures(); i++) {
            assertThat(login(client, "/login", target, "wrong-" + i)).endsWith("/login?error");
        }

        // The same form under other spellings of its path: never a way around the lock.
        assertThat(login(client, "/%6Cogin", target, "the-right-password")).endsWith("/login?locked");
        assertThat(login(client, "/%6c%6F%67%69%6e", target, "the-right-password"))
                .endsWith("/login?locked");
        assertThat(status(client, "/login;x", target)).isEqualTo(400);
        assertThat(status(client, "//login", target)).isEqualTo(400);
        assertThat(status(client, "/login/..;/login", target)).isEqualTo(400);
        // Elsewhere the name is not locked: a stranger cannot lock someone out.
        assertThat(login(clientFrom("127.0.3.2"), "/login", target, "the-right-password"))
                .doesNotContain("error")
                .doesNotContain("locked");
    }

    @Test
    void overLongUserNamesAreRefusedBeforeAnythingIsCounted() throws Exception {
        HttpClient client = clientFrom("127.0.3.3");
        int before = throttle.tracked();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> refused = postLogin(client, "/login", "x".repeat(100_000) + i, "password");
            assertThat(refused.statusCode()).isEqualTo(400);
        }
        HttpResponse<String> longest =
                postLogin(client, "/login", "y".repeat(LoginThrottle.MAX_USERNAME + 1), "password");
        assertThat(longest.statusCode()).isEqualTo(400);
        assertThat(throttle.tracked()).isEqualTo(before);
        // The address is not locked by refused names: a real attempt is still answered as one.
        assertThat(login(client, "/login", "y".repeat(LoginThrottle.MAX_USERNAME), "password"))
                .endsWith("/login?error");
    }

    @Test
    void onePasswordSprayedOverManyNamesIsPausedForThatAddress() throws Exception {
        HttpClient sprayer = clientFrom("127.0.3.4");
        for (int i = 0; i < throttle.limits().maxAddressFailures(); i++) {
            assertThat(login(sprayer, "/login", "spray-" + UUID.randomUUID(), "Summer2026!Summer"))
                    .endsWith("/login?error");
        }
        assertThat(login(sprayer, "/login", "admin", ADMIN_PASSWORD)).endsWith("/login?locked");
        assertThat(login(clientFrom("127.0.3.5"), "/login", "admin", ADMIN_PASSWORD))
                .doesNotContain("error")
                .doesNotContain("locked");
    }

    /** A client whose connections come from {@code address} (any of 127/8 reaches the server). */
    private static HttpClient clientFrom(String address) throws IOException {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .localAddress(InetAddress.getByName(address))
                .build();
    }

    /** Where a sign-in through {@code path} leads. */
    private String login(HttpClient client, String path, String user, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> response = postLogin(client, path, user, password);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private int status(HttpClient client, String path, String user) throws IOException, InterruptedException {
        return postLogin(client, path, user, "the-right-password").statusCode();
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
