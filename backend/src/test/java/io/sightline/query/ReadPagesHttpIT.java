package io.sightline.query;

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

/**
 * The pages built on the read-side layer, over plain HTTP on the demo data: the endpoint page
 * (statistics, buckets, deploy markers) and the deploy comparison (per-version buckets).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sightline.demo=true")
class ReadPagesHttpIT extends IntegrationTest {

    @Test
    void theEndpointPageShowsStoryOnesNumbersBucketsAndDeploys() throws Exception {
        String page = get(
                signIn("admin", ADMIN_PASSWORD),
                "/endpoints?range=1h&service=checkout-service&endpoint="
                        + URLEncoder.encode("POST /checkout", StandardCharsets.UTF_8));

        assertThat(page).contains("<td class=\"num p99\">1.20 s</td>");
        assertThat(page).contains("<title>1–2 s: 1 request (1.2 %)</title>");
        assertThat(page).contains("class=\"deploy\"");
    }

    @Test
    void theComparisonDrawsEachVersionsBucketsAndFlagsTheNPlusOne() throws Exception {
        String page = get(signIn("admin", ADMIN_PASSWORD), "/deploys/compare?service=catalog-service");

        assertThat(page)
                .contains(
                        "N+1: SELECT * FROM product_prices WHERE product_id = $1 went from 1 to 47 calls per request");
        String first = page.substring(page.indexOf("<svg class=\"histogram overlaid\""));
        first = first.substring(0, first.indexOf("</svg>"));
        assertThat(first.split("<rect class=\"after\"", -1)).hasSize(10);
        assertThat(first).containsPattern(": before \\d+, after \\d+</title>");
    }

    private String get(HttpClient client, String path) throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
