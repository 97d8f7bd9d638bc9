package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code sightline.demo=true} loads the stories through the real endpoint at start-up. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sightline.demo=true")
class DemoIT extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void theStoriesAreThereAfterStartUp() throws Exception {
        JsonNode services = get("/api/services").get("data");
        assertThat(services.toString()).contains("checkout-service", "catalog-service", "notification-service", "cart-service",
                "pricing-service");

        JsonNode failing = get("/api/traces?service=cart-service&tags="
                + URLEncoder.encode("{\"user.id\":\"user-4711\"}", StandardCharsets.UTF_8) + "&start=0").get("data");
        assertThat(failing.size()).isEqualTo(1);

        JsonNode slow = get("/api/traces?service=checkout-service&minDuration=1s&start=0").get("data");
        assertThat(slow.size()).isEqualTo(1);
        String traceId = slow.get(0).get("traceID").asString();
        assertThat(get("/api/v1/traces/" + traceId).get("diagnosis").get("summary").asString())
                .isEqualTo("the external call POST stripe.com/v1/charges accounts for 940 ms of 1.2 s (78 %); "
                        + "the bottleneck is an external dependency");
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + BOOTSTRAP_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
