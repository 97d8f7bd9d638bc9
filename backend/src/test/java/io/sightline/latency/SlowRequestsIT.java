package io.sightline.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Slow versus the rest: 18 fast requests in us-east, 2 slow ones in eu-west making five inventory calls. */
class SlowRequestsIT extends IntegrationTest {

    @Test
    void theSlowRequestsExtraCallsAndTheirRegionStandOut() throws Exception {
        String service = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 20; i++) {
            boolean slow = i >= 18;
            OtlpFixture trace = new OtlpFixture();
            String root = trace.span(
                    service,
                    null,
                    "GET /basket",
                    Span.SpanKind.SPAN_KIND_SERVER,
                    0,
                    slow ? 500 : 10,
                    false,
                    "http.request.method",
                    "GET",
                    "http.route",
                    "/basket",
                    "cloud.region",
                    slow ? "eu-west" : "us-east",
                    "request.id",
                    "r-" + i);
            trace.span(
                    service,
                    root,
                    "SELECT baskets",
                    Span.SpanKind.SPAN_KIND_CLIENT,
                    1,
                    2,
                    false,
                    "db.system",
                    "postgresql",
                    "db.statement",
                    "SELECT * FROM baskets WHERE id = $1");
            if (slow) {
                for (int call = 0; call < 5; call++) {
                    trace.span(
                            service,
                            root,
                            "GET inventory",
                            Span.SpanKind.SPAN_KIND_CLIENT,
                            5 + call * 95,
                            90,
                            false,
                            "http.request.method",
                            "GET",
                            "server.address",
                            "inventory.internal");
                }
            }
            trace.send(port, BOOTSTRAP_KEY);
        }

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + "/api/v1/latency/slow?range=1h&percentile=95&service=" + service
                                        + "&endpoint="
                                        + URLEncoder.encode("GET /basket", StandardCharsets.UTF_8)))
                                .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode difference = JsonMapper.builder().build().readTree(response.body());

        assertThat(difference.get("thresholdMs").asDouble()).isEqualTo(500.0);
        assertThat(difference.get("slowRequests").asLong()).isEqualTo(2);
        assertThat(difference.get("otherRequests").asLong()).isEqualTo(18);
        JsonNode call = difference.get("calls").get(0);
        assertThat(call.get("operation").asString()).isEqualTo("GET inventory");
        assertThat(call.get("callsPerSlowRequest").asDouble()).isEqualTo(5.0);
        assertThat(call.get("callsPerOtherRequest").asDouble()).isEqualTo(0.0);
        assertThat(call.get("msPerSlowRequest").asDouble()).isEqualTo(450.0);
        JsonNode region = difference.get("attributes").get(0);
        assertThat(region.get("key").asString()).isEqualTo("cloud.region");
        assertThat(region.get("value").asString()).isEqualTo("eu-west");
        assertThat(region.get("slowRequests").asLong()).isEqualTo(2);
        assertThat(region.get("otherRequests").asLong()).isZero();
    }
}
