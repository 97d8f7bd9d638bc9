package io.sightline.demo;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The five stories sent through the real OTLP endpoint under names of their own: every service is
 * {@code <name>-<tag>} and the failing user {@code user-4711-<tag>}, so a test that reads only its
 * own services sees exact counts whatever else the run has loaded, in any order. Returns once the
 * server has acknowledged (committed) every span and has marked story 2's two deploys, which it
 * detects after acknowledging.
 */
public record StoryFixture(
        String tag,
        String slowCheckout,
        String productsBefore,
        String productsAfter,
        String stagingFailure,
        String failingUserRequest) {

    public static StoryFixture load(int port, String key) {
        String tag = "-" + UUID.randomUUID().toString().substring(0, 8);
        StoryTraces.Stories stories = StoryTraces.generate(new SecureRandom().nextLong(), Instant.now(), tag);
        long acknowledged;
        try {
            acknowledged = new DemoLoader(URI.create("http://localhost:" + port), key).send(stories.resourceSpans());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (acknowledged != stories.spanCount()) {
            throw new IllegalStateException(
                    "the server took " + acknowledged + " of " + stories.spanCount() + " spans");
        }
        awaitDeployMarkers(port, key, "catalog-service" + tag, 2);
        return new StoryFixture(
                tag,
                stories.slowCheckout(),
                stories.productsBefore(),
                stories.productsAfter(),
                stories.stagingFailure(),
                stories.failingUserRequest());
    }

    /** This load's name for one of the stories' services, e.g. {@code checkout-service}. */
    public String service(String name) {
        return name + tag;
    }

    /** The user whose checkout fails in story 4. */
    public String failingUser() {
        return StoryTraces.FAILING_USER + tag;
    }

    private static void awaitDeployMarkers(int port, String key, String service, int count) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/deploys?range=1h&service=" + service))
                .header("Authorization", "Bearer " + key)
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> JsonMapper.builder()
                                    .build()
                                    .readTree(http.send(request, HttpResponse.BodyHandlers.ofString())
                                            .body())
                                    .get("deploys")
                                    .size()
                            >= count);
        }
    }
}
