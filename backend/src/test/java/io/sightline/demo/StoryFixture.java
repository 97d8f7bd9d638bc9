package io.sightline.demo;

import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The five stories sent through the real OTLP endpoint under names of their own: every service is
 * {@code <name>-<tag>} and the failing user {@code user-4711-<tag>}, so a test that reads only its
 * own services sees exact counts whatever else the run has loaded, in any order. Returns once the
 * server has acknowledged (committed) every span and has marked story 2's two deploys, which it
 * detects after acknowledging. {@link #sent()} keeps every span as sent, for tests to compute their
 * expected answers from; {@link #generate()} gives the same stories unsent, for a test that sends
 * them its own way.
 */
public record StoryFixture(
        String tag,
        String slowCheckout,
        String productsBefore,
        String productsAfter,
        String stagingFailure,
        String failingUserRequest,
        List<ResourceSpans> resourceSpans,
        List<SentSpan> sent) {

    /**
     * One span of the load as it was sent, with its resource's service and version: what tests
     * compute their expected answers from.
     */
    public record SentSpan(
            String traceId,
            String spanId,
            String service,
            String version,
            boolean root,
            String name,
            long startNanos,
            long endNanos,
            boolean error,
            Map<String, String> attributes) {

        /** As the API gives durations: milliseconds to the microsecond. */
        public double durationMs() {
            return Math.round((endNanos - startNanos) / 1_000.0) / 1_000.0;
        }
    }

    /** The stories under a fresh tag, as OTLP, not yet sent. */
    public static StoryFixture generate() {
        String tag = "-" + UUID.randomUUID().toString().substring(0, 8);
        StoryTraces.Stories stories = StoryTraces.generate(new SecureRandom().nextLong(), Instant.now(), tag);
        return new StoryFixture(
                tag,
                stories.slowCheckout(),
                stories.productsBefore(),
                stories.productsAfter(),
                stories.stagingFailure(),
                stories.failingUserRequest(),
                stories.resourceSpans(),
                sent(stories.resourceSpans()));
    }

    public static StoryFixture load(int port, String key) {
        StoryFixture stories = generate();
        long acknowledged;
        try {
            acknowledged = new DemoLoader(URI.create("http://localhost:" + port), key).send(stories.resourceSpans());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (acknowledged != stories.sent().size()) {
            throw new IllegalStateException(
                    "the server took " + acknowledged + " of " + stories.sent().size() + " spans");
        }
        awaitDeployMarkers(port, key, stories.service("catalog-service"), 2);
        return stories;
    }

    /** The root spans (requests) of {@code service} (a name without the tag) named {@code name}. */
    public List<SentSpan> requests(String service, String name) {
        return sent.stream()
                .filter(span -> span.root()
                        && span.service().equals(service(service))
                        && span.name().equals(name))
                .toList();
    }

    /** The spans of one trace. */
    public List<SentSpan> trace(String traceId) {
        return sent.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private static List<SentSpan> sent(List<ResourceSpans> resourceSpans) {
        List<SentSpan> sent = new ArrayList<>();
        for (ResourceSpans resource : resourceSpans) {
            Map<String, String> process = attributes(resource.getResource().getAttributesList());
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    sent.add(new SentSpan(
                            HexFormat.of().formatHex(span.getTraceId().toByteArray()),
                            HexFormat.of().formatHex(span.getSpanId().toByteArray()),
                            process.get("service.name"),
                            process.get("service.version"),
                            span.getParentSpanId().isEmpty(),
                            span.getName(),
                            span.getStartTimeUnixNano(),
                            span.getEndTimeUnixNano(),
                            span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR,
                            attributes(span.getAttributesList())));
                }
            }
        }
        return List.copyOf(sent);
    }

    /** OTLP attributes as text, numbers and booleans written as Java writes them. */
    public static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue attribute : attributes) {
            AnyValue value = attribute.getValue();
            values.put(
                    attribute.getKey(),
                    switch (value.getValueCase()) {
                        case STRING_VALUE -> value.getStringValue();
                        case INT_VALUE -> Long.toString(value.getIntValue());
                        case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                        case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                        default -> value.toString();
                    });
        }
        return values;
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
