package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Overload answers: a buffer of 10 spans refuses a 20-span request with 429, and a commit that
 * cannot finish within the (here zero) commit timeout is answered 503; both say when to retry.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sightline.ingest.buffer-spans=10", "sightline.ingest.commit-timeout=0s"})
class IngestBackpressureIT extends IntegrationTest {

    @Test
    void aFullBufferIs429WithRetryAfter() throws Exception {
        HttpResponse<String> response =
                post(IngestIT.request(IngestIT.randomTraceId(), 20).toByteArray(), "application/x-protobuf");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void storageThatCannotCommitInTimeIs503WithRetryAfter() throws Exception {
        // The spec's example starts in 2018, before retention: move it to now, or nothing is inserted.
        String json = OtlpDecoderTest.SPEC_JSON
                .replace("5B8EFFF798038103D269B633813FC60C", IngestIT.randomTraceId())
                .replace("1544712660000000000", Long.toString(System.currentTimeMillis() * 1_000_000))
                .replace("1544712661000000000", Long.toString((System.currentTimeMillis() + 1000) * 1_000_000));

        HttpResponse<String> response = post(json.getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).contains("\"code\":14").contains("did not commit");
    }

    private HttpResponse<String> post(byte[] body, String contentType) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/traces"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
