package io.sightline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of every {@code *IT}: the whole application on a random port, over the embedded ClickHouse
 * engine and the real PostgreSQL server.
 *
 * <p>chDB keeps one storage path per process, so every test class of a run shares one ClickHouse
 * directory and one PostgreSQL database created for the run. Tests isolate themselves with random
 * trace IDs and their own projects, never by truncating tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    protected static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    private static String database;

    /** The default project's ingest+read key and admin's password, as a first start would take them. */
    protected static final String BOOTSTRAP_KEY = "sl_test_bootstrap_key_0123456789";

    protected static final String ADMIN_PASSWORD = "test-admin-password";

    /** GET with a Bearer key. */
    protected HttpResponse<String> apiResponse(String path, String key) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A client holding the session cookie of {@code user}, signed in through the login form (with its
     * CSRF token). The cookie is for host {@code 127.0.0.1}: send the pages' requests there.
     */
    protected HttpClient signIn(String user, String password) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login = postLogin(client, "/login", user, password);
        assertThat(login.headers().firstValue("Location").orElseThrow())
                .as("signed in as " + user)
                .doesNotContain("error");
        return client;
    }

    /**
     * Fetches the login form with {@code client} for its CSRF token, then posts it to {@code path}
     * ({@code /login}, or another spelling of it) on host {@code 127.0.0.1}; {@code headers} (name,
     * value, ...) go with both requests.
     */
    protected HttpResponse<String> postLogin(
            HttpClient client, String path, String user, String password, String... headers)
            throws IOException, InterruptedException {
        String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + csrfToken(client, "/login", headers);
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            post.headers(headers);
        }
        return client.send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The CSRF token of the forms on the page at {@code path} (on host {@code 127.0.0.1}), as {@code
     * client} sees it when it sends {@code headers} (name, value, ...).
     */
    protected String csrfToken(HttpClient client, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        String page = client.send(request.build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as(path + " carries a CSRF token").isTrue();
        return csrf.group(1);
    }

    /** GET with the bootstrap key; the answer must be 200 and JSON. */
    protected JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = apiResponse(path, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @DynamicPropertySource
    static void runScopedStores(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", IntegrationTest::databaseOfTheRun);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
        // Spring keeps every distinct test context (a dozen here) with its pool open for the whole run:
        // small pools keep the run well inside PostgreSQL's 100 connections, beside other clients.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> 4);
        registry.add("spring.datasource.hikari.minimum-idle", () -> 1);
        registry.add("sightline.data-dir", () -> "target/it-data/" + TestPostgres.run());
        registry.add("sightline.security.bootstrap-api-key", () -> BOOTSTRAP_KEY);
        registry.add("sightline.security.bootstrap-admin-password", () -> ADMIN_PASSWORD);
        registry.add("sightline.ingest.otlp-http-port", () -> 0);
        registry.add("sightline.ingest.otlp-grpc-port", () -> 0);
        registry.add("sightline.zipkin.port", () -> 0);
        // Every context of the run shares one database, so a scheduled evaluation in one would evaluate
        // the rules other classes made, with another clock and notifier: tests evaluate explicitly.
        registry.add("sightline.alerts.evaluation-interval", () -> "1d");
    }

    private static synchronized String databaseOfTheRun() {
        if (database == null) {
            database = TestPostgres.createDatabase("");
        }
        return database;
    }
}
