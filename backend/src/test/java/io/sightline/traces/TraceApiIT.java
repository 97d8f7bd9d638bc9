package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

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

class TraceApiIT extends IntegrationTest {

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void storyOneComesBackWithCriticalPathAndDiagnosis() throws Exception {
        String traceId = OtlpFixture.slowCheckout().send(port, BOOTSTRAP_KEY);

        HttpResponse<String> response = get("/api/v1/traces/" + traceId, BOOTSTRAP_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode trace = JSON.readTree(response.body());
        assertThat(trace.get("traceId").asString()).isEqualTo(traceId);
        assertThat(trace.get("durationMs").asDouble()).isEqualTo(1200.0);
        assertThat(trace.get("spanCount").asInt()).isEqualTo(6);
        assertThat(trace.get("startTime").asString()).endsWith("Z");
        assertThat(Instant.parse(trace.get("startTime").asString()).toEpochMilli())
                .isEqualTo(trace.get("startTimeEpochMs").asLong());
        assertThat(trace.get("services").toString()).isEqualTo("[\"auth\",\"checkout\"]");
        assertThat(trace.get("errorCount").asInt()).isZero();
        JsonNode stripe = trace.get("diagnosis").get("groups").get(0);
        assertThat(stripe.get("kind").asString()).isEqualTo("EXTERNAL_HOST");
        assertThat(stripe.get("label").asString()).isEqualTo("api.stripe.com");
        assertThat(stripe.get("sharePercent").asDouble()).isEqualTo(78.3);
        assertThat(stripe.get("criticalPathMs").asDouble()).isEqualTo(940.0);
        assertThat(stripe.get("spanCount").asInt()).isEqualTo(1);
        assertThat(stripe.get("exampleSpanIds").size()).isEqualTo(1);
        assertThat(trace.get("diagnosis").get("durationMs").asDouble()).isEqualTo(1200.0);
        assertThat(trace.get("diagnosis").get("failure").isNull()).isTrue();
        assertThat(trace.get("criticalPath").get(0).get("contributedMs").asDouble())
                .isEqualTo(193.0);
        assertThat(trace.get("firstError").isNull()).isTrue();
        assertThat(trace.get("diagnosis").get("summary").asString())
                .isEqualTo(
                        "the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); the bottleneck is an external dependency");
        JsonNode root = trace.get("spans").get(0);
        assertThat(root.get("name").asString()).isEqualTo("POST /checkout");
        assertThat(root.get("selfTimeMs").asDouble()).isEqualTo(193.0);
        assertThat(root.get("onCriticalPath").asBoolean()).isTrue();
        assertThat(root.get("attributes").get("note").asString()).isEqualTo("<script>alert(1)</script>");
        assertThat(trace.get("criticalPath").size()).isEqualTo(6);
        JsonNode insert = trace.get("spans").get(3);
        assertThat(insert.get("attributes").get("db.statement").asString()).startsWith("INSERT INTO orders");
        assertThat(insert.get("attributes").has("db.query.text")).isFalse();
        assertThat(insert.get("parentSpanId").asString())
                .isEqualTo(root.get("spanId").asString());
    }

    @Test
    void idsInOtherFormsFindTheSameTrace() throws Exception {
        String traceId = OtlpFixture.slowCheckout().send(port, BOOTSTRAP_KEY);
        String dashed = traceId.toUpperCase().substring(0, 8) + "-"
                + traceId.toUpperCase().substring(8);

        assertThat(get("/api/v1/traces/" + dashed, BOOTSTRAP_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/traces/00-" + traceId + "-00f067aa0ba902b7-01", BOOTSTRAP_KEY)
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/api/v1/traces/" + traceId.substring(16).toUpperCase(), BOOTSTRAP_KEY)
                        .statusCode())
                .as("16 digits are the low half, left-padded: another trace")
                .isEqualTo(404);
    }

    @Test
    void theDownloadIsOtlpJsonThatIngestTakesBackUnchanged() throws Exception {
        String traceId = OtlpFixture.slowCheckout().send(port, BOOTSTRAP_KEY);
        long otherProject = projects.create("reimport-" + UUID.randomUUID());
        String otherKey = apiKeys.issue(otherProject, "copy", EnumSet.of(Scope.READ, Scope.INGEST))
                .secret();

        HttpResponse<String> download = get("/api/v1/traces/" + traceId + "/download", BOOTSTRAP_KEY);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(header ->
                        assertThat(header).contains("attachment").contains("trace-" + traceId + ".otlp.json"));
        assertThat(JSON.readTree(download.body()).get("resourceSpans").size()).isEqualTo(2);

        HttpResponse<String> reimport = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/traces"))
                        .header("Authorization", "Bearer " + otherKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(download.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reimport.statusCode()).as(reimport.body()).isEqualTo(200);

        JsonNode original =
                JSON.readTree(get("/api/v1/traces/" + traceId, BOOTSTRAP_KEY).body());
        JsonNode copy = JSON.readTree(get("/api/v1/traces/" + traceId, otherKey).body());
        assertThat(copy).isEqualTo(original);
        assertThat(get("/api/v1/traces/" + traceId + "/download", otherKey).body())
                .isEqualTo(download.body());
        assertThat(get("/api/v1/traces/" + "5".repeat(32) + "/download", otherKey)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/traces/nope/download", otherKey).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownMalformedAndOtherProjectsTracesAreNotShown() throws Exception {
        String traceId = OtlpFixture.slowCheckout().send(port, BOOTSTRAP_KEY);
        long otherProject = projects.create("other-" + UUID.randomUUID());
        String otherKey = apiKeys.issue(otherProject, "reader", EnumSet.of(Scope.READ, Scope.INGEST))
                .secret();

        HttpResponse<String> missing = get("/api/v1/traces/" + "1".repeat(32), BOOTSTRAP_KEY);
        HttpResponse<String> malformed = get("/api/v1/traces/xyz", BOOTSTRAP_KEY);
        HttpResponse<String> foreign = get("/api/v1/traces/" + traceId, otherKey);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("not found in your projects");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("not a trace ID");
        assertThat(foreign.statusCode()).isEqualTo(404);

        String ownTrace = OtlpFixture.slowCheckout().send(port, otherKey);
        assertThat(get("/api/v1/traces/" + ownTrace, otherKey).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/traces/" + ownTrace, BOOTSTRAP_KEY).statusCode())
                .isEqualTo(404);
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
