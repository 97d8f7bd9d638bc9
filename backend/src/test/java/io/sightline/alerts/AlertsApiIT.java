package io.sightline.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Role;
import io.sightline.security.Scope;
import io.sightline.security.Users;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/alerts}: create, list, read, replace and delete rules; every bad rule a 400 naming
 * its field with nothing stored; reads with read or manage, writes with manage (or a member), a key
 * confined to its project.
 */
class AlertsApiIT extends IntegrationTest {

    static final String WEBHOOK = "https://203.0.113.10/services/T000/B000/secret-token";
    static final String RULE = """
            {"name": "Checkout p99", "service": "checkout", "endpoint": "POST /checkout", "metric": "p99",
             "operator": "above", "threshold": 1000, "window": "15m", "webhookUrl": "%s", "format": "slack"}""".formatted(WEBHOOK);

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    long project;
    String manage;
    String read;

    @BeforeEach
    void project() {
        project = projects.create("alerts-" + UUID.randomUUID());
        manage = key(project, Scope.MANAGE);
        read = key(project, Scope.READ);
    }

    @Test
    void aRuleIsCreatedListedReadReplacedAndDeleted() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/alerts", RULE, manage);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode rule = JSON.readTree(created.body());
        long id = rule.get("id").asLong();
        assertThat(rule.get("projectId").asLong()).isEqualTo(project);
        assertThat(rule.get("type").asString()).isEqualTo("threshold");
        assertThat(rule.get("metric").asString()).isEqualTo("p99");
        assertThat(rule.get("operator").asString()).isEqualTo("above");
        assertThat(rule.get("threshold").asDouble()).isEqualTo(1000);
        assertThat(rule.get("window").asString()).isEqualTo("15m");
        assertThat(rule.get("format").asString()).isEqualTo("slack");
        assertThat(rule.get("webhookUrl").asString()).isEqualTo(WEBHOOK);
        assertThat(rule.get("state").asString()).isEqualTo("ok");
        assertThat(rule.get("lastValue").isNull()).isTrue();

        assertThat(names(send("GET", "/api/v1/alerts", null, manage))).containsExactly("Checkout p99");
        JsonNode asReader = body(send("GET", "/api/v1/alerts/" + id, null, read), 200);
        assertThat(asReader.get("name").asString()).isEqualTo("Checkout p99");
        assertThat(asReader.get("webhookUrl").asString())
                .as("the token in the URL is for those who manage the rule")
                .isEqualTo("https://203.0.113.10/…");

        JsonNode replaced = body(send("PUT", "/api/v1/alerts/" + id, """
                        {"type": "deploy", "name": "Checkout deploys", "service": "checkout", "factor": 2,
                         "webhookUrl": "%s", "format": "alertmanager"}""".formatted(WEBHOOK), manage), 200);
        assertThat(replaced.get("id").asLong()).isEqualTo(id);
        assertThat(replaced.get("type").asString()).isEqualTo("deploy");
        assertThat(replaced.get("factor").asDouble()).isEqualTo(2);
        assertThat(replaced.get("window").asString()).isEqualTo("1h");
        assertThat(replaced.get("metric").isNull()).isTrue();
        assertThat(replaced.get("threshold").isNull()).isTrue();
        assertThat(body(send("GET", "/api/v1/alerts/" + id, null, read), 200)
                        .get("name")
                        .asString())
                .isEqualTo("Checkout deploys");
        assertThat(body(send("GET", "/api/v1/alerts/" + id + "/events", null, read), 200)
                        .get("events"))
                .isEmpty();

        assertThat(send("DELETE", "/api/v1/alerts/" + id, null, manage).statusCode())
                .isEqualTo(204);
        assertThat(send("GET", "/api/v1/alerts/" + id, null, manage).statusCode())
                .isEqualTo(404);
        assertThat(names(send("GET", "/api/v1/alerts", null, manage))).isEmpty();
    }

    @Test
    void everyBadRuleIsA400NamingItsFieldAndNothingIsStored() throws Exception {
        long id = JSON.readTree(send("POST", "/api/v1/alerts", RULE, manage).body())
                .get("id")
                .asLong();
        List<String[]> bad = List.of(
                new String[] {"metric", RULE.replace("\"p99\"", "\"p42\"")},
                new String[] {"window", RULE.replace("\"15m\"", "\"2m\"")},
                new String[] {"window", RULE.replace("\"15m\"", "\"25h\"")},
                new String[] {"webhookUrl", RULE.replace(WEBHOOK, "http://10.0.0.5/hook")},
                new String[] {"webhookUrl", RULE.replace(WEBHOOK, "file:///etc/passwd")},
                new String[] {"name", RULE.replace("\"Checkout p99\"", "\"\"")},
                new String[] {"service", RULE.replace("\"service\": \"checkout\",", "")},
                new String[] {"threshold", RULE.replace("1000", "\"a lot\"")},
                new String[] {"operator", RULE.replace("\"above\"", "\"over\"")},
                new String[] {"format", RULE.replace("\"slack\"", "\"teams\"")},
                new String[] {"factor", RULE.replace("\"format\"", "\"factor\": 2, \"format\"")},
                new String[] {
                    "threshold",
                    "{\"type\": \"deploy\", \"name\": \"d\", \"service\": \"s\", \"threshold\": 5,"
                            + " \"webhookUrl\": \"" + WEBHOOK + "\"}"
                },
                new String[] {"body", "[]"});
        for (String[] rule : bad) {
            for (String method : List.of("POST /api/v1/alerts", "PUT /api/v1/alerts/" + id)) {
                String[] request = method.split(" ");
                HttpResponse<String> answer = send(request[0], request[1], rule[1], manage);
                assertThat(answer.statusCode()).as(method + " " + rule[1]).isEqualTo(400);
                JsonNode error = JSON.readTree(answer.body());
                assertThat(error.get("parameter").asString()).as(rule[1]).isEqualTo(rule[0]);
                assertThat(error.get("error").asString()).startsWith("'" + rule[0] + "' ");
            }
        }
        HttpResponse<String> notJson = send("POST", "/api/v1/alerts", "{\"name\": ", manage);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v1/alerts/" + id + "/events?limit=0", null, read)
                        .statusCode())
                .isEqualTo(400);

        assertThat(names(send("GET", "/api/v1/alerts", null, read))).containsExactly("Checkout p99");
        assertThat(body(send("GET", "/api/v1/alerts/" + id, null, read), 200)
                        .get("metric")
                        .asString())
                .isEqualTo("p99");
    }

    @Test
    void readingTakesReadOrManageAndWritingTakesManage() throws Exception {
        long id = JSON.readTree(send("POST", "/api/v1/alerts", RULE, manage).body())
                .get("id")
                .asLong();
        String ingest = key(project, Scope.INGEST);

        assertThat(send("GET", "/api/v1/alerts", null, read).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/alerts/" + id, null, manage).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/alerts", null, ingest).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/alerts", null, null).statusCode()).isEqualTo(401);
        for (String[] write : List.of(
                new String[] {"POST", "/api/v1/alerts", RULE},
                new String[] {"PUT", "/api/v1/alerts/" + id, RULE},
                new String[] {"POST", "/api/v1/alerts/" + id + "/evaluate", ""},
                new String[] {"DELETE", "/api/v1/alerts/" + id, null})) {
            assertThat(send(write[0], write[1], write[2], read).statusCode())
                    .as("read key: " + write[0] + " " + write[1])
                    .isEqualTo(403);
            assertThat(send(write[0], write[1], write[2], ingest).statusCode())
                    .as("ingest key: " + write[0] + " " + write[1])
                    .isEqualTo(403);
        }
        assertThat(names(send("GET", "/api/v1/alerts", null, read))).containsExactly("Checkout p99");
    }

    @Test
    void aKeySeesAndChangesOnlyItsProject() throws Exception {
        long id = JSON.readTree(send("POST", "/api/v1/alerts", RULE, manage).body())
                .get("id")
                .asLong();
        String elsewhere = key(projects.create("alerts-other-" + UUID.randomUUID()), Scope.MANAGE, Scope.READ);

        assertThat(names(send("GET", "/api/v1/alerts", null, elsewhere))).isEmpty();
        assertThat(send("GET", "/api/v1/alerts/" + id, null, elsewhere).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/alerts/" + id + "/events", null, elsewhere)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("PUT", "/api/v1/alerts/" + id, RULE, elsewhere).statusCode())
                .isEqualTo(404);
        assertThat(send("POST", "/api/v1/alerts/" + id + "/evaluate", "", elsewhere)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", "/api/v1/alerts/" + id, null, elsewhere).statusCode())
                .isEqualTo(404);
        HttpResponse<String> intoOther = send("POST", "/api/v1/alerts?project=" + project, RULE, elsewhere);
        assertThat(intoOther.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(intoOther.body()).get("parameter").asString()).isEqualTo("project");
        assertThat(send("GET", "/api/v1/alerts/" + id, null, read).statusCode()).isEqualTo(200);
    }

    @Test
    void membersWriteAndViewersOnlyRead() throws Exception {
        String password = "a-long-enough-password";
        String member = "alerts-member-" + UUID.randomUUID().toString().substring(0, 8);
        String viewer = "alerts-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        users.addToProject(users.create(member, password, Role.MEMBER), project);
        users.addToProject(users.create(viewer, password, Role.VIEWER), project);

        HttpResponse<String> created = session(signIn(member, password), "POST", "/api/v1/alerts", RULE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = JSON.readTree(created.body()).get("id").asLong();

        HttpClient viewing = signIn(viewer, password);
        assertThat(session(viewing, "GET", "/api/v1/alerts/" + id, null).statusCode())
                .isEqualTo(200);
        assertThat(session(viewing, "POST", "/api/v1/alerts", RULE).statusCode())
                .isEqualTo(403);
        assertThat(session(viewing, "DELETE", "/api/v1/alerts/" + id, null).statusCode())
                .isEqualTo(403);
    }

    private String key(long project, Scope... scopes) {
        return apiKeys.issue(project, "alerts", EnumSet.copyOf(Set.of(scopes))).secret();
    }

    private static List<String> names(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body())
                .get("rules")
                .valueStream()
                .map(rule -> rule.get("name").asString())
                .toList();
    }

    private static JsonNode body(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> session(HttpClient client, String method, String path, String body)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
