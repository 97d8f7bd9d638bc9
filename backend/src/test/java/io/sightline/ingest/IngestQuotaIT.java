package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A project's ingest quota, set by an admin on the projects page, applies to its very next request. */
class IngestQuotaIT extends IntegrationTest {

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void aQuotaSetByAnAdminIsAnswered429WithTheTimeItsDebtTakesToRepay() throws Exception {
        long project = projects.create("quota-" + UUID.randomUUID());
        String key =
                apiKeys.issue(project, "exporter", EnumSet.of(Scope.INGEST)).secret();
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);
        assertThat(send(key, 50).statusCode()).as("no quota by default").isEqualTo(200);

        String page = setQuota(admin, project, "10");
        assertThat(page).contains("Ingest quota set to 10 spans/s.").contains("value=\"10\"");
        // 50 spans take one second's burst of 10 and leave a debt of 40: 4 s at 10 spans/s.
        HttpResponse<String> first = send(key, 50);
        HttpResponse<String> over = send(key, 1);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("4");
        assertThat(over.body()).contains("more spans per second than its ingest quota");

        assertThat(setQuota(admin, project, "")).contains("Ingest quota set back to the default.");
        assertThat(send(key, 50).statusCode())
                .as("back to the unlimited default")
                .isEqualTo(200);
        assertThat(setQuota(admin, project, "many")).contains("An ingest quota is a whole number");
        assertThat(projects.ingestSpansPerSecond(project)).isEmpty();
    }

    private HttpResponse<String> send(String key, int spans) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/traces"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(IngestIT.request(IngestIT.randomTraceId(), spans)
                                .toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the projects page's quota form as an admin; returns the page it answers with. */
    private String setQuota(HttpClient admin, long project, String spansPerSecond) throws Exception {
        String form = "spansPerSecond=" + URLEncoder.encode(spansPerSecond, StandardCharsets.UTF_8) + "&_csrf="
                + csrfToken(admin, "/settings/projects");
        return admin.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/settings/projects/" + project + "/quota"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
