package io.sightline.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SecurityIT extends IntegrationTest {

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

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
            assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.READ);
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

        HttpResponse<String> wrongPassword = postLogin(csrfToken(loginPage.body()), "nope");
        assertThat(wrongPassword.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

        HttpResponse<String> signedIn = postLogin(csrfToken(get("/login", null).body()), ADMIN_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    private HttpResponse<String> postLogin(String csrf, String password) throws IOException, InterruptedException {
        String form =
                "username=admin&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf;
        return http.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrfToken(String html) {
        Matcher matcher =
                Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("the login form carries a CSRF token").isTrue();
        return matcher.group(1);
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
