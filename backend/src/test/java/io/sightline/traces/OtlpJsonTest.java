package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OtlpJsonTest {

    @Test
    void spansAreGroupedByResourceThenScopeWithOtlpJsonEncodings() {
        JsonNode request = OtlpJson.of(Spans.slowCheckout());

        JsonNode resources = request.get("resourceSpans");
        assertThat(resources.size()).isEqualTo(2);
        JsonNode spans = resources.get(0).get("scopeSpans").get(0).get("spans");
        assertThat(spans.size()).isEqualTo(5);
        JsonNode root = spans.get(0);
        assertThat(root.get("traceId").asString()).isEqualTo(Spans.TRACE);
        assertThat(root.get("spanId").asString()).isEqualTo("a000000000000001");
        assertThat(root.has("parentSpanId")).as("a root has no parent").isFalse();
        assertThat(root.get("kind").asInt()).as("enums as numbers").isEqualTo(2);
        assertThat(root.get("endTimeUnixNano").asString())
                .as("64-bit integers as strings")
                .isEqualTo("1200000000");
        assertThat(spans.get(1).get("parentSpanId").asString()).isEqualTo("a000000000000001");
    }
}
