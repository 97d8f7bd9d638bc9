package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.SpanFixture;
import io.sightline.security.Projects;
import io.sightline.span.Span;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.SpanTables;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A read that runs past {@code sightline.storage.read.max-execution-time} (1 s here) is stopped by
 * the engine and answered 503 with the limit named: JSON on an API, Jaeger's envelope on the Jaeger
 * API, a readable page on a page; never a 500. The application runs on a database of its own whose
 * {@code spans} is, after start-up, a view that sleeps 0.6 s for each of the few rows it holds, so
 * every read of it takes longer than the limit, on any machine.
 */
@TestPropertySource(
        properties = {"sightline.storage.database=slow_reads", "sightline.storage.read.max-execution-time=1s"})
class SlowReadIT extends IntegrationTest {

    static final String TIME_LIMIT = "the query ran longer than a read may (sightline.storage.read.max-execution-time):"
            + " narrow the time range or the filters, or try again when the system is less busy";

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    Projects projects;

    @Autowired
    SpanTables tables;

    private static boolean slowed;

    @BeforeEach
    void makeEveryReadOfSpansSlow() {
        if (slowed) {
            return;
        }
        long project = projects.idOf("default").orElseThrow();
        List<Span> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(SpanFixture.span(project, SpanFixture.randomTraceId())
                    .service("slow")
                    .name("GET /slow")
                    .kind(Span.SpanKind.SERVER)
                    .build());
        }
        new SpanFixture(clickHouse, tables).insert(requests);
        clickHouse.command("RENAME TABLE slow_reads.spans TO slow_reads.spans_stored");
        clickHouse.command(
                "CREATE VIEW slow_reads.spans AS SELECT * FROM slow_reads.spans_stored WHERE sleepEachRow(0.6) = 0");
        slowed = true;
    }

    @Test
    void anApiAnswers503SayingWhichLimit() throws Exception {
        HttpResponse<String> response = apiResponse("/api/v1/endpoints?range=1h", BOOTSTRAP_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactly("error");
        assertThat(body.get("error").asString()).isEqualTo(TIME_LIMIT);
    }

    @Test
    void theJaegerApiAnswers503InItsEnvelope() throws Exception {
        HttpResponse<String> response = apiResponse("/api/services", BOOTSTRAP_KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        JsonNode error = JSON.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("code").asInt()).isEqualTo(503);
        assertThat(error.get("msg").asString()).isEqualTo(TIME_LIMIT);
    }

    @Test
    void aPageAnswers503WithAReadableErrorPage() throws Exception {
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> response = admin.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?range=1h"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.body())
                .contains("<h1>This page could not be read</h1>")
                .contains("<p class=\"error\">" + TIME_LIMIT.replace("'", "&#39;") + "</p>");
    }
}
