package io.sightline.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Deploys posted by a pipeline, and comparisons of any two windows. Story 2's detected markers and
 * comparison are in the feature contract ({@code storage.FeatureContract}), which runs on every engine.
 */
class DeployApiIT extends IntegrationTest {

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void anyTwoWindowsCanBeComparedToo() throws Exception {
        // Requests start a minute ago plus their offset: the first ten in [0 s, 10 s), the last ten in [30 s, 40 s).
        Instant origin = Instant.now().minusSeconds(60);
        String service = "windows-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 20; i++) {
            boolean later = i >= 10;
            OtlpFixture trace = new OtlpFixture();
            String root = trace.span(
                    service,
                    null,
                    "GET /list",
                    Span.SpanKind.SPAN_KIND_SERVER,
                    (later ? 30_000 : 0) + i * 100L,
                    50,
                    false,
                    "http.request.method",
                    "GET",
                    "http.route",
                    "/list");
            for (int call = 0; call < (later ? 5 : 1); call++) {
                trace.span(
                        service,
                        root,
                        "SELECT rows",
                        Span.SpanKind.SPAN_KIND_CLIENT,
                        (later ? 30_000 : 0) + i * 100L + call * 9,
                        8,
                        false,
                        "db.system",
                        "postgresql",
                        "db.statement",
                        "SELECT * FROM rows WHERE id = $1");
            }
            trace.send(port, BOOTSTRAP_KEY);
        }
        String query = "/api/v1/compare?service=" + service + "&beforeFrom=" + origin.minusSeconds(10) + "&beforeTo="
                + origin.plusSeconds(20) + "&afterFrom=" + origin.plusSeconds(20) + "&afterTo="
                + origin.plusSeconds(60);

        JsonNode first = api(query).get("endpoints").get(0);

        assertThat(first.get("endpoint").asString()).isEqualTo("GET /list");
        assertThat(first.get("before").get("requests").asLong()).isEqualTo(10);
        assertThat(first.get("after").get("requests").asLong()).isEqualTo(10);
        assertThat(first.get("findings").get(0).asString())
                .isEqualTo("N+1: SELECT * FROM rows WHERE id = $1 went from 1 to 5 calls per request");
        assertThat(send("GET", "/api/v1/compare?service=" + service + "&afterFrom=yesterday", null, BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aComparisonNeedsTwoVersions() throws Exception {
        HttpResponse<String> response =
                send("GET", "/api/v1/compare?service=catalog&before=1.4.0", null, BOOTSTRAP_KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("parameter").asString()).isEqualTo("after");
    }

    @Test
    void aPipelinePostsAMarkerOnceWithAnIngestKey() throws Exception {
        String service = "pipeline-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"service\":\"" + service
                + "\",\"version\":\"2.0.0\",\"environment\":\"production\",\"commit\":\"abc123\","
                + "\"at\":\"2026-11-24T10:00:00Z\"}";

        HttpResponse<String> first = send("POST", "/api/v1/deploys", body, BOOTSTRAP_KEY);
        HttpResponse<String> again = send("POST", "/api/v1/deploys", body, BOOTSTRAP_KEY);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("created").asBoolean()).isFalse();
        JsonNode listed = JSON.readTree(send(
                                "GET",
                                "/api/v1/deploys?from=2026-11-24T09:00:00Z&to=2026-11-24T11:00:00Z&service=" + service,
                                null,
                                BOOTSTRAP_KEY)
                        .body())
                .get("deploys");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("commit").asString()).isEqualTo("abc123");
        assertThat(listed.get(0).get("source").asString()).isEqualTo("POSTED");
    }

    @Test
    void badDeploysAreRefusedWithAReason() throws Exception {
        String readOnly = apiKeys.issue(projects.defaultProjectId(), "dashboards", EnumSet.of(Scope.READ))
                .secret();

        assertThat(send("POST", "/api/v1/deploys", "{\"service\":\"x\"}", BOOTSTRAP_KEY)
                        .body())
                .contains("version");
        assertThat(send("POST", "/api/v1/deploys", "{\"service\":\"x\"}", BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/deploys", "not json", BOOTSTRAP_KEY).statusCode())
                .isEqualTo(400);
        assertThat(send(
                                "POST",
                                "/api/v1/deploys",
                                "{\"service\":\"x\",\"version\":\"1\",\"at\":\"noon\"}",
                                BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(400);
        assertThat(send("POST", "/api/v1/deploys", "{\"service\":\"x\",\"version\":\"1\"}", readOnly)
                        .statusCode())
                .isEqualTo(403);
    }

    private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
