package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.sightline.IntegrationTest;
import io.sightline.storage.ClickHouse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Spans come back as they were sent: one sent by the official SDK with the older attribute names
 * ({@code enduser.id}, {@code http.method}), one with the current names; every read shows each
 * span's own names, and every search finds each by either name.
 */
class AttributeFidelityIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    IngestConfiguration.OtlpHttpPort otlpPort;

    private final String service = "fidelity-" + UUID.randomUUID().toString().substring(0, 8);
    private String oldNames;
    private String currentNames;

    @BeforeEach
    void sendOneSpanWithOldNamesAndOneWithCurrentNames() {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
                        .setEndpoint("http://localhost:" + otlpPort.localPort() + "/v1/traces")
                        .addHeader("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .build()))
                .build();
        var tracer = provider.get("fidelity-test");
        Span old = tracer.spanBuilder("GET /cart")
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("enduser.id", "u-4242")
                .setAttribute("http.method", "GET")
                .setAttribute("http.route", "/cart")
                .setAttribute("http.target", "/cart?old=1")
                .startSpan();
        old.end();
        Span current = tracer.spanBuilder("GET /cart")
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("user.id", "u-4343")
                .setAttribute("http.request.method", "GET")
                .setAttribute("http.route", "/cart")
                .setAttribute("url.path", "/cart")
                .startSpan();
        current.end();
        CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
        provider.shutdown().join(10, TimeUnit.SECONDS);
        assertThat(flushed.isSuccess()).isTrue();
        oldNames = old.getSpanContext().getTraceId();
        currentNames = current.getSpanContext().getTraceId();
    }

    @Test
    void theJaegerApiShowsTheNamesTheServiceSent() throws Exception {
        List<String> oldTags = tagKeys(api("/api/traces/" + oldNames));
        List<String> currentTags = tagKeys(api("/api/traces/" + currentNames));

        assertThat(oldTags)
                .contains("enduser.id", "http.method", "http.target")
                .doesNotContain("user.id", "http.request.method", "url.path");
        assertThat(currentTags)
                .contains("user.id", "http.request.method", "url.path")
                .doesNotContain("enduser.id", "http.method", "http.target");
        JsonNode span =
                api("/api/traces/" + oldNames).get("data").get(0).get("spans").get(0);
        span.get("tags").forEach(tag -> {
            if (tag.get("key").asString().equals("enduser.id")) {
                assertThat(tag.get("value").asString()).isEqualTo("u-4242");
            }
        });
    }

    @Test
    void theTypedColumnsAreFilledFromEitherName() {
        for (String traceId : List.of(oldNames, currentNames)) {
            assertThat(IngestFixtures.rows(clickHouse, traceId))
                    .singleElement()
                    .satisfies(row -> assertThat(row)
                            .containsEntry("user_id", traceId.equals(oldNames) ? "u-4242" : "u-4343")
                            .containsEntry("http_method", "GET")
                            .containsEntry("endpoint", "GET /cart")
                            .containsEntry("is_entry", true));
        }
    }

    @Test
    void jaegerTagSearchFindsEachSpanByEitherName() throws Exception {
        assertThat(jaegerSearch("{\"user.id\":\"u-4242\"}")).containsExactly(oldNames);
        assertThat(jaegerSearch("{\"enduser.id\":\"u-4242\"}")).containsExactly(oldNames);
        assertThat(jaegerSearch("{\"user.id\":\"u-4343\"}")).containsExactly(currentNames);
        assertThat(jaegerSearch("{\"enduser.id\":\"u-4343\"}")).containsExactly(currentNames);
        assertThat(jaegerSearch("{\"http.method\":\"GET\"}")).containsExactlyInAnyOrder(oldNames, currentNames);
        assertThat(jaegerSearch("{\"http.request.method\":\"GET\"}")).containsExactlyInAnyOrder(oldNames, currentNames);
        // No typed column: the attribute maps, under both names.
        assertThat(jaegerSearch("{\"url.path\":\"/cart?old=1\"}")).containsExactly(oldNames);
        assertThat(jaegerSearch("{\"http.target\":\"/cart\"}")).containsExactly(currentNames);
        assertThat(jaegerSearch("{\"enduser.id\":\"u-0000\"}")).isEmpty();
    }

    @Test
    void searchByUserAndByAttributeFindsEachSpanByEitherName() throws Exception {
        assertThat(search("user=u-4242")).containsExactly(oldNames);
        assertThat(search("user=u-4343")).containsExactly(currentNames);
        assertThat(search("attr=" + encode("enduser.id=u-4343"))).containsExactly(currentNames);
        assertThat(search("attr=" + encode("user.id=u-4242"))).containsExactly(oldNames);
        assertThat(search("attr=" + encode("url.path=/cart?old=1"))).containsExactly(oldNames);
        assertThat(search("attr=" + encode("http.target=/cart"))).containsExactly(currentNames);
    }

    @Test
    void theDownloadAndTheTracePageHoldTheNamesTheServiceSent() throws Exception {
        HttpResponse<String> download = apiResponse("/api/v1/traces/" + oldNames + "/download", BOOTSTRAP_KEY);
        assertThat(download.statusCode()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        JSON.readTree(download.body())
                .get("resourceSpans")
                .get(0)
                .get("scopeSpans")
                .get(0)
                .get("spans")
                .get(0)
                .get("attributes")
                .forEach(attribute -> keys.add(attribute.get("key").asString()));
        assertThat(keys).contains("enduser.id", "http.method").doesNotContain("user.id", "http.request.method");

        // The trace page draws its span details from the trace's JSON, fetched with the session.
        HttpClient admin = signIn("admin", ADMIN_PASSWORD);
        String page = admin.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/traces/" + oldNames + "/spans"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        JsonNode json = JSON.readTree(page);
        int attributesAt = json.get("fields")
                .valueStream()
                .map(JsonNode::asString)
                .toList()
                .indexOf("attributes");
        JsonNode attributes = json.get("spans").get(0).get(attributesAt);
        assertThat(attributes.has("enduser.id")).isTrue();
        assertThat(attributes.has("http.method")).isTrue();
        assertThat(attributes.has("user.id")).isFalse();
    }

    private List<String> jaegerSearch(String tags) throws Exception {
        List<String> ids = new ArrayList<>();
        api("/api/traces?service=" + service + "&tags=" + encode(tags))
                .get("data")
                .forEach(trace -> ids.add(trace.get("traceID").asString()));
        return ids;
    }

    private List<String> search(String query) throws Exception {
        List<String> ids = new ArrayList<>();
        api("/api/v1/search?range=1h&service=" + service + "&" + query)
                .get("results")
                .forEach(result -> ids.add(result.get("traceId").asString()));
        return ids;
    }

    private static List<String> tagKeys(JsonNode trace) {
        List<String> keys = new ArrayList<>();
        trace.get("data")
                .get(0)
                .get("spans")
                .get(0)
                .get("tags")
                .forEach(tag -> keys.add(tag.get("key").asString()));
        return keys;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
