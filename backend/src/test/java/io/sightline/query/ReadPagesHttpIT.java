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
 * (statistics, buckets, deploys) and the deploy comparison (what its charts are drawn from).
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
        String oneToTwoSeconds = page.substring(page.indexOf(">1–2 s</a>"));
        assertThat(oneToTwoSeconds.substring(0, oneToTwoSeconds.indexOf("</tr>")))
                .contains("<td class=\"num count\">1</td>", "1.2 %");
        assertThat(page)
                .containsPattern("<p class=\"deploy-list\">Deploys:\\s*<span>[^<]+ at \\d\\d:\\d\\d:\\d\\d UTC</span>");
    }

    @Test
    void theComparisonGivesTheChartEachVersionAndFlagsTheNPlusOne() throws Exception {
        String page = get(signIn("admin", ADMIN_PASSWORD), "/deploys/compare?service=catalog-service");

        assertThat(page)
                .contains(
                        "N+1: SELECT * FROM product_prices WHERE product_id = $1 went from 1 to 47 calls per request");
        // compare.ts draws the overlaid histograms from the latency API with these.
        assertThat(page).contains("data-endpoint=\"GET /products\"", "data-before=\"1.4.0\"", "data-after=\"1.5.0\"");
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
