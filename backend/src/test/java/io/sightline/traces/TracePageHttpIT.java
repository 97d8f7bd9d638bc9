package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.SpanFixture;
import io.sightline.security.Projects;
import io.sightline.security.Role;
import io.sightline.security.Users;
import io.sightline.span.Span;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.SpanTables;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The trace page over HTTP with a signed-in session: content, escaping, the ID box's lookup, 404s, isolation. */
class TracePageHttpIT extends IntegrationTest {

    @Autowired
    Projects projects;

    @Autowired
    Users users;

    SpanFixture fixture;

    @Autowired
    void fixture(ClickHouse clickHouse, SpanTables tables) {
        fixture = new SpanFixture(clickHouse, tables);
    }

    @Test
    void theStoryOneTraceShowsItsWaterfallCriticalPathAndDiagnosisWithSpanDataEscaped() throws Exception {
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);
        String traceId = storyOne(projects.defaultProjectId());

        HttpResponse<String> page = get(admin, "/traces/" + traceId);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
        String html = page.body();
        assertThat(html)
                .contains("the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); "
                        + "the bottleneck is an external dependency");
        // The waterfall is drawn in the browser from the API: the page carries none of the span rows.
        assertThat(html).contains("data-span-count=\"6\"").doesNotContain("onerror");
        // The hostile span ends last, so the path runs root → it → payments.Charge → Stripe → INSERT → auth.verify.
        JsonNode spans = JSON.readTree(
                        apiResponse("/api/v1/traces/" + traceId, BOOTSTRAP_KEY).body())
                .get("spans");
        assertThat(spans.valueStream().filter(span -> span.get("onCriticalPath").asBoolean()))
                .hasSize(6);
        assertThat(spans.valueStream().map(span -> span.get("name").asString()))
                .contains("<img src=x onerror=alert(1)>");
        assertThat(html).doesNotContain("style=\"").doesNotContain("<script>");
        assertThat(html).contains("action=\"/traces/lookup\"");
    }

    @Test
    void aTraceWithAParentChainTenThousandDeepIsShownByTheApiAndThePage() throws Exception {
        int depth = 10_000;
        String traceId = SpanFixture.randomTraceId();
        Instant start = Instant.now().minusSeconds(90);
        List<Span> chain = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            SpanFixture.Builder span = SpanFixture.span(projects.defaultProjectId(), traceId)
                    .name("step " + i)
                    .start(start.plusNanos(i * 1_000L))
                    .duration(Duration.ofNanos(2_000L * (depth - i) + 1));
            chain.add(i == 0 ? span.build() : span.parent(chain.getLast()).build());
        }
        fixture.insert(chain);

        HttpResponse<String> api = apiResponse("/api/v1/traces/" + traceId, BOOTSTRAP_KEY);
        HttpResponse<String> page = get(signIn("admin", ADMIN_PASSWORD), "/traces/" + traceId);

        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(api.body()).get("spanCount").asInt()).isEqualTo(depth);
        assertThat(page.statusCode()).isEqualTo(200);
        // The page is a shell whatever the trace's size; its script draws the rows in view.
        assertThat(page.body()).contains("data-span-count=\"" + depth + "\"");
        assertThat(page.body().length()).isLessThan(20_000);
        // Its spans JSON travels gzipped to a client that accepts it (a browser), a few bytes per span.
        HttpResponse<byte[]> spans = signIn("admin", ADMIN_PASSWORD)
                .send(
                        HttpRequest.newBuilder(uri("/traces/" + traceId + "/spans"))
                                .header("Accept-Encoding", "gzip")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(spans.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(spans.body().length).isLessThan(depth * 40);
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(spans.body()))) {
            assertThat(JSON.readTree(unzipped).get("spans")).hasSize(depth);
        }
    }

    @Test
    void theIdBoxRedirectsAnyAcceptedFormToTheTraceAndExplainsTheRest() throws Exception {
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);
        String traceId = storyOne(projects.defaultProjectId());

        HttpResponse<String> pasted = get(
                admin,
                "/traces/lookup?id="
                        + URLEncoder.encode(
                                "00-" + traceId.toUpperCase() + "-00f067aa0ba902b7-01", StandardCharsets.UTF_8));
        assertThat(pasted.statusCode()).isEqualTo(302);
        assertThat(pasted.headers().firstValue("Location").orElseThrow()).endsWith("/traces/" + traceId);

        HttpResponse<String> dashed = get(
                admin,
                "/traces/" + traceId.substring(0, 8) + "-"
                        + traceId.substring(8).toUpperCase());
        assertThat(dashed.headers().firstValue("Location").orElseThrow()).endsWith("/traces/" + traceId);

        HttpResponse<String> garbage =
                get(admin, "/traces/lookup?id=" + URLEncoder.encode("<b>nope</b>", StandardCharsets.UTF_8));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("Not a trace ID").contains("&lt;b&gt;nope&lt;/b&gt;");

        HttpResponse<String> unknown = get(admin, "/traces/" + "4".repeat(32));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("Trace not found").contains("not found in your projects");
    }

    @Test
    void aMemberSeesOnlyTheirProjectsTraces() throws Exception {
        long project = projects.create("page-" + UUID.randomUUID());
        String name = "member-" + UUID.randomUUID().toString().substring(0, 8);
        users.addToProject(users.create(name, "member-password", Role.MEMBER), project);
        HttpClient member = signIn(name, "member-password");
        String theirs = storyOne(project);
        String notTheirs = storyOne(projects.defaultProjectId());

        assertThat(get(member, "/traces/" + theirs).statusCode()).isEqualTo(200);
        HttpResponse<String> foreign = get(member, "/traces/" + notTheirs);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("not found in your projects").doesNotContain("stripe");
        // The spans the page's script draws: the same rule, and a clear 400 for a malformed ID.
        HttpResponse<String> spans = get(member, "/traces/" + theirs + "/spans");
        assertThat(spans.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(spans.body()).get("spans")).hasSize(6);
        assertThat(get(member, "/traces/" + notTheirs + "/spans").statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = get(member, "/traces/not-a-trace/spans");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("not a trace ID");
    }

    /** Story 1 of DESIGN.md, with a hostile span name added under the root. */
    private String storyOne(long project) {
        String traceId = SpanFixture.randomTraceId();
        Instant start = Instant.now().minusSeconds(90);
        Span root = SpanFixture.span(project, traceId)
                .service("checkout")
                .name("POST /checkout")
                .kind(Span.SpanKind.SERVER)
                .start(start)
                .duration(Duration.ofMillis(1200))
                .http("POST", 200)
                .build();
        Span auth = SpanFixture.span(project, traceId)
                .service("checkout")
                .name("auth.verify")
                .parent(root)
                .start(start.plusMillis(5))
                .duration(Duration.ofMillis(15))
                .build();
        Span insert = SpanFixture.span(project, traceId)
                .service("checkout")
                .name("INSERT orders")
                .kind(Span.SpanKind.CLIENT)
                .parent(root)
                .start(start.plusMillis(25))
                .duration(Duration.ofMillis(12))
                .attribute("db.system.name", "postgresql")
                .build();
        Span charge = SpanFixture.span(project, traceId)
                .service("checkout")
                .name("payments.Charge")
                .parent(root)
                .start(start.plusMillis(40))
                .duration(Duration.ofMillis(980))
                .build();
        Span stripe = SpanFixture.span(project, traceId)
                .service("checkout")
                .name("POST stripe.com/v1/charges")
                .kind(Span.SpanKind.CLIENT)
                .parent(charge)
                .start(start.plusMillis(60))
                .duration(Duration.ofMillis(940))
                .attribute("http.request.method", "POST")
                .attribute("server.address", "api.stripe.com")
                .build();
        Span hostile = SpanFixture.span(project, traceId)
                .service("checkout")
                .name("<img src=x onerror=alert(1)>")
                .parent(root)
                .start(start.plusMillis(1030))
                .duration(Duration.ofMillis(1))
                .build();
        fixture.insert(List.of(root, auth, insert, charge, stripe, hostile));
        return traceId;
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
