package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.span.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {

    @Test
    void attributesGetBackTheTypeTheyArrivedWith() {
        assertThat(OtlpJson.value("x", null)).isEqualTo(Map.of("stringValue", "x"));
        assertThat(OtlpJson.value("200", Span.AttributeType.INT)).isEqualTo(Map.of("intValue", "200"));
        assertThat(OtlpJson.value("true", Span.AttributeType.BOOL)).isEqualTo(Map.of("boolValue", true));
        assertThat(OtlpJson.value("0.5", Span.AttributeType.DOUBLE)).isEqualTo(Map.of("doubleValue", 0.5));
        assertThat(OtlpJson.value("AQI=", Span.AttributeType.BYTES)).isEqualTo(Map.of("bytesValue", "AQI="));
        assertThat(OtlpJson.value("[\"a\",1]", Span.AttributeType.ARRAY))
                .isEqualTo(Map.of(
                        "arrayValue", Map.of("values", List.of(Map.of("stringValue", "a"), Map.of("intValue", "1")))));
        assertThat(OtlpJson.value("{\"k\":true}", Span.AttributeType.MAP))
                .isEqualTo(Map.of(
                        "kvlistValue",
                        Map.of("values", List.of(Map.of("key", "k", "value", Map.of("boolValue", true))))));
        assertThat(OtlpJson.value("not a number", Span.AttributeType.INT))
                .isEqualTo(Map.of("stringValue", "not a number"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void spansAreGroupedByResourceThenScopeWithOtlpEncodings() {
        Map<String, Object> request = OtlpJson.of(Spans.slowCheckout());

        List<Map<String, Object>> resources = (List<Map<String, Object>>) request.get("resourceSpans");
        assertThat(resources).hasSize(2);
        List<Map<String, Object>> scopes =
                (List<Map<String, Object>>) resources.getFirst().get("scopeSpans");
        List<Map<String, Object>> spans =
                (List<Map<String, Object>>) scopes.getFirst().get("spans");
        assertThat(spans).hasSize(5);
        Map<String, Object> root = spans.getFirst();
        assertThat(root)
                .containsEntry("traceId", Spans.TRACE)
                .containsEntry("spanId", "a000000000000001")
                .doesNotContainKey("parentSpanId")
                .containsEntry("kind", 2)
                .containsEntry("startTimeUnixNano", "0")
                .containsEntry("endTimeUnixNano", "1200000000")
                .containsEntry("status", Map.of("code", 0));
    }
}
