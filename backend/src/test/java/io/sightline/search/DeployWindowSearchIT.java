package io.sightline.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Searching by story 2's deploy windows: {@code deploy=service@version} and {@code range=deploy:last|previous}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployWindowSearchIT extends IntegrationTest {

    StoryFixture stories;
    String catalog;

    @BeforeAll
    void loadStories() {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        catalog = stories.service("catalog-service");
    }

    @Test
    void theNewVersionsDeployWindowHoldsExactlyItsFortySevenQueryRequests() throws Exception {
        Set<String> expected = traces("1.5.0");
        JsonNode results = api("/api/v1/search?limit=500&deploy=" + encode(catalog + "@1.5.0"))
                .get("results");

        assertThat(traceIds(results)).isEqualTo(expected).hasSize(120);
        for (JsonNode result : results) {
            assertThat(result.get("version").asString()).isEqualTo("1.5.0");
            assertThat(result.get("spanCount").asLong()).isEqualTo(48);
            assertThat(stories.trace(result.get("traceId").asString()).stream()
                            .filter(span -> span.attributes().containsKey("db.query.text"))
                            .count())
                    .isEqualTo(47);
        }
    }

    @Test
    void theOldVersionsDeployWindowEndsWhereTheNewOneBegins() throws Exception {
        JsonNode results = api("/api/v1/search?limit=500&deploy=" + encode(catalog + "@1.4.0"))
                .get("results");
        assertThat(traceIds(results)).isEqualTo(traces("1.4.0"));
    }

    @Test
    void sinceTheLastDeployAndTheDeployBeforeAreOfTheServiceInScope() throws Exception {
        assertThat(traceIds(api("/api/v1/search?limit=500&range=deploy:last&service=" + catalog)
                        .get("results")))
                .isEqualTo(traces("1.5.0"));
        assertThat(traceIds(api("/api/v1/search?limit=500&range=deploy:previous&service=" + catalog)
                        .get("results")))
                .isEqualTo(traces("1.4.0"));
    }

    @Test
    void theSearchOverviewAndEndpointPagesTakeDeployWindows() throws Exception {
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);
        String search = page(admin, "/search?limit=500&deploy=" + encode(catalog + "@1.5.0"));
        assertThat(search).contains("the deploy window of " + catalog + " 1.5.0 (production): from ");
        assertThat(search.split("class=\"num duration\"", -1)).hasSize(121);
        assertThat(page(admin, "/search?range=deploy:previous&service=" + catalog))
                .contains("the deploy before: " + catalog + " 1.4.0 (production) at ");
        assertThat(page(admin, "/?range=deploy:last")).contains("since the last deploy: ");
        assertThat(page(
                        admin,
                        "/endpoints?range=deploy:last&service=" + catalog + "&endpoint=" + encode("GET /products")))
                .contains("since the last deploy: " + catalog + " 1.5.0 (production) at ")
                .contains("<td class=\"num requests\">120 requests</td>");
    }

    private String page(HttpClient client, String path) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body()).as(path).doesNotContain("class=\"error\"");
        return response.body();
    }

    @Test
    void badDeploysAreRefusedNamingTheParameter() throws Exception {
        assertBad(
                "deploy=" + encode(catalog), "deploy", "'deploy' write it as service@version, such as checkout@1.5.0");
        assertBad(
                "deploy=" + encode(catalog + "@9.9.9"),
                "deploy",
                "'deploy' no deploy of " + catalog + " version 9.9.9 is known");
        assertBad(
                "deploy=" + encode(catalog + "@1.5.0") + "&environment=staging",
                "deploy",
                "'deploy' no deploy of " + catalog + " version 1.5.0 is known in environment staging");
        assertBad(
                "deploy=" + encode(catalog + "@1.5.0") + "&range=1h",
                "deploy",
                "'deploy' sets the window itself: leave out from, to and range");
        assertBad(
                "deploy=" + encode(catalog + "@1.5.0") + "&service=other",
                "deploy",
                "'deploy' is a deploy of " + catalog + ", but 'service' asks for other");
        assertBad(
                "range=deploy:soon&service=" + catalog,
                "range",
                "'range' use deploy:last or deploy:previous, or a length such as 1h");
        assertBad(
                "range=deploy:last&service=nobody-" + stories.tag(),
                "range",
                "'range' deploy:last: no deploy of nobody-" + stories.tag() + " is known");
    }

    private void assertBad(String query, String parameter, String message) throws Exception {
        HttpResponse<String> response = apiResponse("/api/v1/search?" + query, BOOTSTRAP_KEY);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("parameter").asString()).as(query).isEqualTo(parameter);
        assertThat(body.get("error").asString()).as(query).isEqualTo(message);
    }

    private Set<String> traces(String version) {
        return stories.requests("catalog-service", "GET /products").stream()
                .filter(span -> span.version().equals(version))
                .map(StoryFixture.SentSpan::traceId)
                .collect(Collectors.toSet());
    }

    private static Set<String> traceIds(JsonNode results) {
        Set<String> ids = new HashSet<>();
        results.forEach(result -> ids.add(result.get("traceId").asString()));
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
