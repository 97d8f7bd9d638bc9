package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StoryTracesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final StoryTraces.Stories stories = StoryTraces.generate(42, NOW);

    @Test
    void storyOneTakes1200MsOfWhich940WaitForStripe() {
        List<Span> trace = spansOf(stories.slowCheckout());

        assertThat(durationMs(named(trace, "POST /checkout"))).isEqualTo(1200.0);
        assertThat(durationMs(named(trace, "POST stripe.com/v1/charges"))).isEqualTo(940.0);
        assertThat(durationMs(named(trace, "payments.Charge"))).isEqualTo(980.0);
        assertThat(Math.round(940.0 / 1200 * 100)).isEqualTo(78);
    }

    @Test
    void storyTwoGoesFromOneSelectToFortySevenPerRequest() {
        assertThat(spansOf(stories.productsBefore()))
                .filteredOn(span -> span.getName().startsWith("SELECT"))
                .hasSize(1);
        assertThat(spansOf(stories.productsAfter()))
                .filteredOn(span -> span.getName().equals("SELECT product_prices"))
                .hasSize(47);
        assertThat(versionsOf("catalog-service")).containsExactlyInAnyOrder("1.4.0", "1.5.0");
    }

    @Test
    void storyThreeCrossesPubSubAndFailsInStaging() {
        List<Span> trace = spansOf(stories.stagingFailure());
        Span producer = named(trace, "orders.created publish");
        Span consumer = named(trace, "orders.created process");

        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(consumer.getLinks(0).getSpanId()).isEqualTo(producer.getSpanId());
        assertThat(named(trace, "SELECT email_templates").getStatus().getMessage())
                .isEqualTo("relation \"email_templates\" does not exist");
    }

    @Test
    void storyFourHasExactlyOneFailingRequestForOneUser() {
        List<Span> failing = allSpans().stream()
                .filter(span -> span.getName().equals("POST /cart/checkout")
                        && attribute(span, "http.response.status_code").equals("500"))
                .toList();

        assertThat(failing)
                .singleElement()
                .satisfies(span -> assertThat(attribute(span, "user.id")).isEqualTo(StoryTraces.FAILING_USER));
        assertThat(attribute(
                        named(spansOf(stories.failingUserRequest()), "SELECT cart_items"), "db.response.returned_rows"))
                .isEqualTo("0");
    }

    @Test
    void storyFiveHitsTheCacheTwelvePercentOfTheTime() {
        Map<String, Long> hits = allSpans().stream()
                .filter(span -> attribute(span, "db.system.name").equals("redis")
                        && span.getName().equals("GET"))
                .collect(Collectors.groupingBy(span -> attribute(span, "cache.hit"), Collectors.counting()));

        assertThat(hits).containsEntry("true", 12L).containsEntry("false", 88L);
    }

    @Test
    void theSameSeedGivesTheSameTraces() {
        assertThat(StoryTraces.generate(42, NOW).slowCheckout()).isEqualTo(stories.slowCheckout());
        assertThat(stories.spanCount()).isEqualTo(allSpans().size()).isBetween(3_000, 10_000);
    }

    @Test
    void aTagRenamesEveryServiceAndTheFailingUserAndNothingElse() {
        StoryTraces.Stories tagged = StoryTraces.generate(42, NOW, "-t1");

        assertThat(tagged.resourceSpans())
                .allSatisfy(r ->
                        assertThat(resource(r, "service.name").orElseThrow()).endsWith("-t1"));
        assertThat(tagged.resourceSpans()).hasSameSizeAs(stories.resourceSpans());
        assertThat(tagged.spanCount()).isEqualTo(stories.spanCount());
        assertThat(tagged.resourceSpans().stream()
                        .flatMap(r -> r.getScopeSpansList().stream())
                        .flatMap(scope -> scope.getSpansList().stream())
                        .filter(span -> attribute(span, "user.id").startsWith(StoryTraces.FAILING_USER)))
                .singleElement()
                .satisfies(span -> assertThat(attribute(span, "user.id")).isEqualTo("user-4711-t1"));
    }

    private List<Span> allSpans() {
        return stories.resourceSpans().stream()
                .flatMap(r -> r.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream())
                .toList();
    }

    private List<Span> spansOf(String traceId) {
        return allSpans().stream()
                .filter(span -> HexFormat.of()
                        .formatHex(span.getTraceId().toByteArray())
                        .equals(traceId))
                .toList();
    }

    private List<String> versionsOf(String service) {
        return stories.resourceSpans().stream()
                .filter(r -> resource(r, "service.name").equals(Optional.of(service)))
                .map(r -> resource(r, "service.version").orElseThrow())
                .distinct()
                .toList();
    }

    private static Optional<String> resource(ResourceSpans resourceSpans, String key) {
        return resourceSpans.getResource().getAttributesList().stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(kv -> kv.getValue().getStringValue())
                .findFirst();
    }

    private static Span named(List<Span> spans, String name) {
        return spans.stream()
                .filter(span -> span.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static double durationMs(Span span) {
        return (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6;
    }

    private static String attribute(Span span, String key) {
        for (KeyValue kv : span.getAttributesList()) {
            if (kv.getKey().equals(key)) {
                var value = kv.getValue();
                return switch (value.getValueCase()) {
                    case INT_VALUE -> Long.toString(value.getIntValue());
                    case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                    default -> value.getStringValue();
                };
            }
        }
        return "";
    }
}
