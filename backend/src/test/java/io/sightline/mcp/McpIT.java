package io.sightline.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.sightline.IntegrationTest;
import io.sightline.alerts.Evaluations;
import io.sightline.demo.StoryFixture;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Scope;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The MCP server as an agent meets it: the official MCP Java SDK's client over Streamable HTTP to
 * {@code /mcp}, with the stories loaded under this class's own service names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpIT extends IntegrationTest {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    ApplicationContext context;

    private StoryFixture stories;
    private McpSyncClient client;

    @BeforeAll
    void loadTheStoriesAndConnect() {
        stories = StoryFixture.load(port, BOOTSTRAP_KEY);
        client = connect(BOOTSTRAP_KEY);
    }

    @AfterAll
    void disconnect() {
        client.closeGracefully();
    }

    @Test
    void listsTheToolsWithDescribedArguments() {
        List<McpSchema.Tool> tools = client.listTools().tools();

        assertThat(tools)
                .extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder(
                        "list_services",
                        "search_traces",
                        "diagnose_trace",
                        "explain_endpoint",
                        "compare_versions",
                        "recent_alerts");
        McpSchema.Tool diagnose = tools.stream()
                .filter(tool -> tool.name().equals("diagnose_trace"))
                .findFirst()
                .orElseThrow();
        assertThat(diagnose.inputSchema().get("required")).isEqualTo(List.of("traceId"));
        assertThat(tools)
                .allSatisfy(tool -> assertThat(tool.annotations().readOnlyHint())
                        .as(tool.name())
                        .isTrue());
        tools.forEach(tool -> ((Map<?, ?>) tool.inputSchema().get("properties"))
                .forEach((name, schema) -> assertThat(((Map<?, ?>) schema).get("description"))
                        .as(tool.name() + "." + name)
                        .isNotNull()));
    }

    @Test
    void diagnoseTraceOnStoryOneNamesTheStripeCall() {
        McpSchema.CallToolResult result = call(client, "diagnose_trace", Map.of("traceId", stories.slowCheckout()));

        assertThat(result.isError()).isFalse();
        assertThat(text(result, 0))
                .startsWith("Trace " + stories.slowCheckout() + ": POST /checkout of "
                        + stories.service("checkout-service") + " took 1.20 s")
                .contains("Diagnosis: the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s"
                        + " (78 %); the bottleneck is an external dependency.")
                .contains("POST stripe.com/v1/charges (" + stories.service("checkout-service") + ") 940 ms");
        JsonNode data = JSON.readTree(text(result, 1));
        assertThat(data.get("diagnosis").get("summary").asString()).contains("POST stripe.com/v1/charges");
        assertThat(data.get("durationMs").asDouble()).isEqualTo(1200.0);
        assertThat(((Map<?, ?>) result.structuredContent()).get("traceId")).isEqualTo(stories.slowCheckout());
    }

    @Test
    void compareVersionsOnStoryTwoNamesTheNPlusOne() {
        McpSchema.CallToolResult result = call(
                client,
                "compare_versions",
                Map.of(
                        "service",
                        stories.service("catalog-service"),
                        "before",
                        "1.4.0",
                        "after",
                        "1.5.0",
                        "range",
                        "1h"));

        assertThat(result.isError()).isFalse();
        assertThat(text(result, 0))
                .contains("N+1: SELECT * FROM product_prices WHERE product_id = $1 went from 1 to 47 calls per"
                        + " request on GET /products.")
                .contains("Ranked by p95 regression: GET /products ")
                .containsPattern("Example traces of GET /products: 1\\.4\\.0 [0-9a-f]{32}, 1\\.5\\.0 [0-9a-f]{32}\\.");
        JsonNode verdict = JSON.readTree(text(result, 1)).get("verdict");
        assertThat(verdict.get("regressed").asBoolean()).isTrue();
        assertThat(verdict.get("nPlusOne").get("callsPerRequestAfter").asDouble())
                .isEqualTo(47.0);
    }

    @Test
    void explainEndpointGivesTheCacheRatioOfStoryFive() {
        McpSchema.CallToolResult result = call(
                client,
                "explain_endpoint",
                Map.of("service", stories.service("pricing-service"), "endpoint", "GET /prices/{sku}"));

        assertThat(result.isError()).isFalse();
        assertThat(text(result, 0))
                .startsWith("GET /prices/{sku} of " + stories.service("pricing-service") + ": 100 requests")
                .contains("Cache: GET hit 12 % of 100 lookups;");
    }

    @Test
    void listServicesAndSearchTracesAnswerForTheStories() {
        String checkout = stories.service("checkout-service");
        McpSchema.CallToolResult services = call(client, "list_services", Map.of("service", checkout));
        McpSchema.CallToolResult search =
                call(client, "search_traces", Map.of("service", checkout, "minMs", 1000, "range", "1h"));

        assertThat(text(services, 0)).contains("in 1 service served").contains("POST /checkout of " + checkout);
        assertThat(text(search, 0))
                .startsWith("1 request matches between ")
                .contains(
                        "The longest took 1.20 s: POST /checkout of " + checkout + ", trace " + stories.slowCheckout());
    }

    @Test
    void badArgumentsAreToolErrorsWithTheApisMessages() throws Exception {
        assertSameError(
                call(client, "search_traces", Map.of("abovePercentile", 150)),
                "/api/v1/search?range=1h&abovePercentile=150");
        assertSameError(call(client, "list_services", Map.of("range", "2x")), "/api/v1/endpoints?range=2x");
        assertSameError(
                call(client, "explain_endpoint", Map.of("service", "checkout")), "/api/v1/latency?service=checkout");
        assertSameError(
                call(client, "compare_versions", Map.of("service", "catalog", "afterFrom", "yesterday")),
                "/api/v1/compare?service=catalog&afterFrom=yesterday");
        assertSameError(call(client, "diagnose_trace", Map.of("traceId", "not-a-trace")), "/api/v1/traces/not-a-trace");
        String unknown = UUID.randomUUID().toString().replace("-", "");
        assertSameError(call(client, "diagnose_trace", Map.of("traceId", unknown)), "/api/v1/traces/" + unknown);
        assertThat(text(call(client, "list_services", Map.of("service", Map.of("nested", 1))), 0))
                .isEqualTo("'service' must be text, a number or a list of them");
    }

    @Test
    void refusesCallersWithoutAReadKey() throws Exception {
        String ingestOnly = apiKeys.issue(
                        projects.create("mcp-ingest-" + UUID.randomUUID()), "ingest", EnumSet.of(Scope.INGEST))
                .secret();

        assertThat(post(null).statusCode()).isEqualTo(401);
        assertThat(post("sl_not_a_key").statusCode()).isEqualTo(401);
        assertThat(post(ingestOnly).statusCode()).isEqualTo(403);
        assertThat(post(BOOTSTRAP_KEY).statusCode()).isEqualTo(200);
        assertThat(signIn("admin", ADMIN_PASSWORD)
                        .send(
                                initialize("http://127.0.0.1:" + port + "/mcp").build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("a browser session never reaches the tools")
                .isEqualTo(403);
        assertThatThrownBy(() -> connect(null)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void anotherProjectsKeySeesNoneOfTheseTraces() {
        String otherKey = apiKeys.issue(
                        projects.create("mcp-other-" + UUID.randomUUID()), "agent", EnumSet.of(Scope.READ))
                .secret();
        McpSyncClient other = connect(otherKey);
        try {
            McpSchema.CallToolResult trace = call(other, "diagnose_trace", Map.of("traceId", stories.slowCheckout()));
            McpSchema.CallToolResult services =
                    call(other, "list_services", Map.of("service", stories.service("checkout-service")));
            McpSchema.CallToolResult search =
                    call(other, "search_traces", Map.of("user", stories.failingUser(), "range", "1h"));

            assertThat(trace.isError()).isTrue();
            assertThat(text(trace, 0)).isEqualTo("trace " + stories.slowCheckout() + " not found in your projects");
            assertThat(text(services, 0)).startsWith("No requests between ").endsWith(" in this project.");
            assertThat(text(search, 0)).startsWith("No request matches ");
        } finally {
            other.closeGracefully();
        }
    }

    @Test
    void recentAlertsListsStoryOnesFiringCheckoutRuleWithTheSlowCheckoutAndNoneToAnotherProject() throws Exception {
        String checkout = stories.service("checkout-service");
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/alerts"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"name": "Checkout p99 for agents", "service": "%s", "endpoint": "POST /checkout",
                                 "metric": "p99", "operator": "above", "threshold": 1000, "window": "15m",
                                 "webhookUrl": "https://203.0.113.10/hook"}""".formatted(checkout)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long rule = JSON.readTree(created.body()).get("id").asLong();
        assertThat(Evaluations.evaluate(context, rule, Instant.now()))
                .as("fired")
                .isTrue();

        McpSchema.CallToolResult result = call(client, "recent_alerts", Map.of("service", checkout));

        assertThat(result.isError()).isFalse();
        assertThat(text(result, 0))
                .startsWith("1 alert fired between ")
                .contains(": Checkout p99 for agents on " + checkout + " POST /checkout at ")
                .contains("Exemplar: trace " + stories.slowCheckout() + ", 1.20 s: the external call POST"
                        + " stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %)");
        JsonNode alert = JSON.readTree(text(result, 1)).get("alerts").get(0);
        assertThat(alert.get("ruleId").asLong()).isEqualTo(rule);
        assertThat(alert.at("/event/state").asString()).isEqualTo("firing");
        assertThat(alert.at("/event/threshold").asDouble()).isEqualTo(1000.0);
        assertThat(alert.at("/event/value").asDouble()).isGreaterThan(1000.0);
        assertThat(alert.at("/event/evidence/exemplars/0/traceId").asString()).isEqualTo(stories.slowCheckout());
        assertThat(alert.at("/event/evidence/exemplars/0/link").asString())
                .isEqualTo("http://localhost:" + port + "/traces/" + stories.slowCheckout());

        String otherKey = apiKeys.issue(
                        projects.create("mcp-alerts-other-" + UUID.randomUUID()), "agent", EnumSet.of(Scope.READ))
                .secret();
        McpSyncClient other = connect(otherKey);
        try {
            McpSchema.CallToolResult elsewhere = call(other, "recent_alerts", Map.of());
            assertThat(text(elsewhere, 0)).startsWith("No alert fired or resolved between ");
            assertThat(JSON.readTree(text(elsewhere, 1)).get("alerts")).isEmpty();
        } finally {
            other.closeGracefully();
        }
        McpSchema.CallToolResult noLimit = call(client, "recent_alerts", Map.of("limit", 0));
        assertThat(noLimit.isError()).isTrue();
        assertThat(text(noLimit, 0)).isEqualTo("'limit' must be a whole number from 1 to 200");
    }

    private void assertSameError(McpSchema.CallToolResult result, String apiPath) throws Exception {
        HttpResponse<String> api = apiResponse(apiPath, BOOTSTRAP_KEY);
        assertThat(api.statusCode()).as(apiPath).isIn(400, 404);
        assertThat(result.isError()).as(apiPath).isTrue();
        assertThat(text(result, 0))
                .isEqualTo(JSON.readTree(api.body()).get("error").asString());
    }

    private HttpResponse<String> post(String key) throws Exception {
        HttpRequest.Builder request = initialize("http://localhost:" + port + "/mcp");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder initialize(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
    }

    private McpSyncClient connect(String key) {
        HttpRequest.Builder requests = HttpRequest.newBuilder();
        if (key != null) {
            requests.header("Authorization", "Bearer " + key);
        }
        McpSyncClient connected = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                        .endpoint("/mcp")
                        .requestBuilder(requests)
                        .build())
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        connected.initialize();
        return connected;
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static String text(McpSchema.CallToolResult result, int index) {
        return ((McpSchema.TextContent) result.content().get(index)).text();
    }
}
