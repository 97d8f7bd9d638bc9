package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.Browser;
import io.sightline.IntegrationTest;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The API description at {@code /v3/api-docs} covers every {@code /api/v1} handler the application
 * maps, says what the portal needs (authentication, error body, units), matches what the API really
 * answers, and is, like Swagger UI, only for those who may read the API.
 */
class ApiDocsIT extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void everyApiV1HandlerIsDescribedAndNothingElse() throws Exception {
        Set<String> handlers = new TreeSet<>();
        handlerMapping.getHandlerMethods().keySet().forEach(mapping -> {
            for (String path : mapping.getPatternValues()) {
                if (path.startsWith("/api/v1/") || path.equals("/api/v1")) {
                    // A mapping without methods answers every method: the description must say which.
                    assertThat(mapping.getMethodsCondition().getMethods())
                            .as(path + " is mapped to a method")
                            .isNotEmpty();
                    mapping.getMethodsCondition().getMethods().forEach(method -> handlers.add(method + " " + path));
                }
            }
        });
        Set<String> described = operations(spec());

        assertThat(handlers).contains("GET /api/v1/traces/{traceId}", "POST /api/v1/deploys");
        Set<String> missing = new TreeSet<>(handlers);
        missing.removeAll(described);
        assertThat(missing).as("/api/v1 handlers missing from /v3/api-docs").isEmpty();
        assertThat(described).as("only /api/v1 is described").isEqualTo(handlers);
    }

    @Test
    void everyOperationIsDescribedWithItsSharedAnswers() throws Exception {
        JsonNode paths = spec().get("paths");

        List<String> undescribed = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                JsonNode operation = paths.get(path).get(method);
                String name = method.toUpperCase() + " " + path;
                if (!operation.hasNonNull("summary") || !operation.hasNonNull("description")) {
                    undescribed.add(name + " (summary, description)");
                }
                JsonNode responses = operation.get("responses");
                if (responses.propertyNames().stream().noneMatch(status -> status.startsWith("2"))) {
                    undescribed.add(name + " (success)");
                }
                for (String status : List.of("401", "403")) {
                    if (!responses.has(status)) {
                        undescribed.add(name + " (" + status + ")");
                    }
                }
                for (JsonNode parameter : operation.path("parameters")) {
                    if (!parameter.hasNonNull("description")) {
                        undescribed.add(
                                name + " (parameter " + parameter.get("name").asString() + ")");
                    }
                }
            }
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void statesTheBearerSchemeTheErrorBodyAndUnits() throws Exception {
        JsonNode spec = spec();

        JsonNode bearer = spec.at("/components/securitySchemes/bearerAuth");
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        assertThat(spec.get("security").toString()).contains("bearerAuth").contains("sessionCookie");
        assertThat(spec.at("/components/schemas/Error/required").toString()).contains("error");
        assertThat(spec.at("/components/schemas/Error/properties").propertyNames())
                .containsExactlyInAnyOrder("error", "parameter");

        JsonNode search = spec.at("/paths/~1api~1v1~1search/get");
        assertThat(search.at("/responses/400/$ref").asString()).isEqualTo("#/components/responses/BadRequest");
        assertThat(spec.at("/components/responses/BadRequest/content/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Error");
        assertThat(search.at("/responses/503/$ref").asString()).isEqualTo("#/components/responses/Unavailable");
        assertThat(parameter(search, "minMs").get("description").asString()).contains("milliseconds");
        assertThat(parameter(search, "from").get("description").asString())
                .contains("ISO-8601")
                .contains("epoch milliseconds")
                .contains("31 days");
        assertThat(parameter(search, "limit").at("/schema/maximum").asInt()).isEqualTo(500);

        JsonNode endpoints = spec.at("/paths/~1api~1v1~1endpoints/get");
        assertThat(parameter(endpoints, "range").at("/schema/default").asString())
                .isEqualTo("1h");
        assertThat(spec.at("/paths/~1api~1v1~1deploys/post/security").toString())
                .contains("ingest")
                .doesNotContain("sessionCookie");
    }

    @Test
    void theApiAnswersErrorsInTheDescribedShape() throws Exception {
        HttpResponse<String> bad = apiResponse("/api/v1/endpoints?range=forever", BOOTSTRAP_KEY);
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode badBody = JSON.readTree(bad.body());
        assertThat(badBody.get("error").isString()).isTrue();
        assertThat(badBody.get("parameter").asString()).isEqualTo("range");

        HttpResponse<String> forbidden = apiResponse("/api/v1/endpoints", ingestOnlyKey());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forbidden.body()).get("error").isString()).isTrue();

        // As the Unauthorized answer says: without credentials, no body.
        HttpResponse<String> anonymous = get(HttpClient.newHttpClient(), "/api/v1/endpoints");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).isEmpty();

        HttpResponse<String> notFound = apiResponse("/api/v1/traces/" + UUID.randomUUID(), BOOTSTRAP_KEY);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(notFound.body()).get("error").isString()).isTrue();
    }

    @Test
    void onlyThoseWhoMayReadTheApiGetItsDescription() throws Exception {
        assertThat(apiResponse("/v3/api-docs", BOOTSTRAP_KEY).statusCode()).isEqualTo(200);
        assertThat(apiResponse("/v3/api-docs", ingestOnlyKey()).statusCode()).isEqualTo(403);

        HttpClient anonymous = HttpClient.newHttpClient();
        assertThat(get(anonymous, "/v3/api-docs").statusCode()).isEqualTo(401);
        assertThat(get(anonymous, "/v3/api-docs.yaml").statusCode()).isEqualTo(401);
        assertThat(get(anonymous, "/v3/api-docs/swagger-config").statusCode()).isEqualTo(401);
        for (String page : List.of("/swagger-ui.html", "/swagger-ui/index.html")) {
            HttpResponse<String> response = get(anonymous, page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow())
                    .as(page)
                    .endsWith("/login");
        }

        HttpClient viewer = signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> ui = get(viewer, "/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui-bundle.js");
        // The page runs under the same policy as every page: no inline script or style allowed for it.
        assertThat(ui.headers().firstValue("Content-Security-Policy"))
                .hasValue(get(viewer, "/")
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow());
        assertThat(ui.headers().firstValue("Content-Security-Policy").orElseThrow())
                .doesNotContain("unsafe");
        assertThat(get(viewer, "/swagger-ui/swagger-initializer.js").statusCode())
                .isEqualTo(200);
    }

    @Test
    void swaggerUiRendersTheOperationsUnderTheContentSecurityPolicy() {
        try (Browser browser = new Browser(port)) {
            List<String> errors = new ArrayList<>();
            browser.page().onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    errors.add(message.text());
                }
            });
            browser.signIn("admin", ADMIN_PASSWORD).open("/swagger-ui.html");

            browser.page().waitForSelector(".opblock");
            browser.screenshot("swagger-ui");
            assertThat(browser.text("[data-path='/api/v1/traces/{traceId}']")).contains("/api/v1/traces/{traceId}");
            assertThat(browser.findAll(".opblock")).hasSizeGreaterThanOrEqualTo(15);
            assertThat(errors).as("console errors").isEmpty();
        }
    }

    private JsonNode spec() throws IOException, InterruptedException {
        HttpResponse<String> response = get(signIn("admin", ADMIN_PASSWORD), "/v3/api-docs");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Set<String> operations(JsonNode spec) {
        Set<String> operations = new TreeSet<>();
        JsonNode paths = spec.get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                operations.add(method.toUpperCase() + " " + path);
            }
        }
        return operations;
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.get("parameters")) {
            if (parameter.get("name").asString().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private String ingestOnlyKey() {
        long project = projects.create("api-docs-" + UUID.randomUUID());
        return apiKeys.issue(project, "pipeline", EnumSet.of(Scope.INGEST)).secret();
    }

    private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
