package io.sightline.span;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpSpansTest {

    @Test
    void attributesGetBackTheTypeTheyArrivedWith() {
        assertThat(OtlpSpans.value("x", null)).isEqualTo(string("x"));
        assertThat(OtlpSpans.value("200", Span.AttributeType.INT))
                .isEqualTo(AnyValue.newBuilder().setIntValue(200).build());
        assertThat(OtlpSpans.value("true", Span.AttributeType.BOOL))
                .isEqualTo(AnyValue.newBuilder().setBoolValue(true).build());
        assertThat(OtlpSpans.value("0.5", Span.AttributeType.DOUBLE))
                .isEqualTo(AnyValue.newBuilder().setDoubleValue(0.5).build());
        assertThat(OtlpSpans.value("AQI=", Span.AttributeType.BYTES))
                .isEqualTo(AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {1, 2}))
                        .build());
        assertThat(OtlpSpans.value("[\"a\",1]", Span.AttributeType.ARRAY))
                .isEqualTo(AnyValue.newBuilder()
                        .setArrayValue(ArrayValue.newBuilder()
                                .addValues(string("a"))
                                .addValues(AnyValue.newBuilder().setIntValue(1)))
                        .build());
        assertThat(OtlpSpans.value("{\"k\":true}", Span.AttributeType.MAP))
                .isEqualTo(AnyValue.newBuilder()
                        .setKvlistValue(KeyValueList.newBuilder()
                                .addValues(KeyValue.newBuilder()
                                        .setKey("k")
                                        .setValue(AnyValue.newBuilder().setBoolValue(true))))
                        .build());
        assertThat(OtlpSpans.value("not a number", Span.AttributeType.INT)).isEqualTo(string("not a number"));
        assertThat(OtlpSpans.value("not base64!", Span.AttributeType.BYTES)).isEqualTo(string("not base64!"));
    }

    @Test
    void spansAreGroupedByResourceThenScopeInFirstSeenOrder() {
        Span.Builder builder = Span.builder()
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
                .resource(Map.of("service.name", "api"))
                .scopeName("http");
        List<Span> spans = List.of(
                builder.spanId("00f067aa0ba902b7").build(),
                builder.spanId("00f067aa0ba902b8")
                        .parentSpanId("00f067aa0ba902b7")
                        .scopeName("db")
                        .build(),
                builder.spanId("00f067aa0ba902b9")
                        .resource(Map.of("service.name", "web"))
                        .build());

        ExportTraceServiceRequest request = OtlpSpans.request(spans);

        assertThat(request.getResourceSpansCount()).isEqualTo(2);
        assertThat(request.getResourceSpans(0).getScopeSpansList())
                .extracting(scope -> scope.getScope().getName())
                .containsExactly("http", "db");
        var child = request.getResourceSpans(0).getScopeSpans(1).getSpans(0);
        assertThat(child.getParentSpanId()).isEqualTo(ByteString.fromHex("00f067aa0ba902b7"));
        assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getParentSpanId())
                .isEmpty();
        assertThat(request.getResourceSpans(1).getResource().getAttributes(0).getValue())
                .isEqualTo(string("web"));
    }

    private static AnyValue string(String text) {
        return AnyValue.newBuilder().setStringValue(text).build();
    }
}
