package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code sightline.demo=true} loads the stories through the real endpoint at start-up. Other tests
 * load the stories too, under names of their own; this one reads the demo's names, and does not
 * count on being the run's only demo load.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sightline.demo=true")
class DemoIT extends IntegrationTest {

    @Test
    void theStoriesAreThereAfterStartUp() throws Exception {
        JsonNode services = api("/api/services").get("data");
        assertThat(services.toString())
                .contains(
                        "checkout-service",
                        "catalog-service",
                        "notification-service",
                        "cart-service",
                        "pricing-service");

        JsonNode failing = api("/api/traces?service=cart-service&tags="
                        + URLEncoder.encode("{\"user.id\":\"user-4711\"}", StandardCharsets.UTF_8) + "&lookback=7d")
                .get("data");
        assertThat(failing).isNotEmpty();
        for (JsonNode trace : failing) {
            assertThat(trace.toString()).contains("cart of user-4711 is empty");
        }

        JsonNode slow = api("/api/traces?service=checkout-service&minDuration=1s&lookback=7d")
                .get("data");
        assertThat(slow).isNotEmpty();
        for (JsonNode trace : slow) {
            assertThat(api("/api/v1/traces/" + trace.get("traceID").asString())
                            .get("diagnosis")
                            .get("summary")
                            .asString())
                    .isEqualTo("the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); "
                            + "the bottleneck is an external dependency");
        }
    }
}
