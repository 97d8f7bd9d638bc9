package io.sightline.demo;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * The five stories sent through the real OTLP endpoint under names of their own: every service is
 * {@code <name>-<tag>} and the failing user {@code user-4711-<tag>}, so a test that reads only its
 * own services sees exact counts whatever else the run has loaded, in any order. Returns once the
 * server has acknowledged (committed) every span.
 */
public record StoryFixture(String tag, String slowCheckout, String productsBefore, String productsAfter,
        String stagingFailure, String failingUserRequest) {

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
            throw new IllegalStateException("the server took " + acknowledged + " of " + stories.spanCount() + " spans");
        }
        return new StoryFixture(tag, stories.slowCheckout(), stories.productsBefore(), stories.productsAfter(),
                stories.stagingFailure(), stories.failingUserRequest());
    }

    /** This load's name for one of the stories' services, e.g. {@code checkout-service}. */
    public String service(String name) {
        return name + tag;
    }

    /** The user whose checkout fails in story 4. */
    public String failingUser() {
        return StoryTraces.FAILING_USER + tag;
    }
}
