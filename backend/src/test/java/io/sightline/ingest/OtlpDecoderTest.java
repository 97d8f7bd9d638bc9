package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpDecoderTest {

    /** The OTLP specification's JSON example shape: hex IDs, enum as number, 64-bit ints as strings. */
    static final String SPEC_JSON = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},
              "scopeSpans":[{"scope":{"name":"my.library","version":"1.0.0"},
                "spans":[{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174",
                  "parentSpanId":"EEE19B7EC3C1B173","name":"I'm a server span","startTimeUnixNano":"1544712660000000000",
                  "endTimeUnixNano":"1544712661000000000","kind":2,
                  "attributes":[{"key":"my.span.attr","value":{"stringValue":"some value"}},
                                {"key":"http.status_code","value":{"intValue":"503"}}],
                  "links":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331"}],
                  "status":{"code":2,"message":"boom"}}]}]}]}
            """;

    @Test
    void readsOtlpJsonWithHexIdsEnumNumbersAndStringIntegers() throws Exception {
        ExportTraceServiceRequest request = OtlpDecoder.json(SPEC_JSON.getBytes(StandardCharsets.UTF_8));

        Span span = request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(HexFormat.of().formatHex(span.getTraceId().toByteArray()))
                .isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(HexFormat.of().formatHex(span.getSpanId().toByteArray())).isEqualTo("eee19b7ec3c1b174");
        assertThat(HexFormat.of().formatHex(span.getParentSpanId().toByteArray()))
                .isEqualTo("eee19b7ec3c1b173");
        assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(span.getStartTimeUnixNano()).isEqualTo(1544712660000000000L);
        assertThat(span.getAttributes(1).getValue().getIntValue()).isEqualTo(503);
        assertThat(HexFormat.of().formatHex(span.getLinks(0).getSpanId().toByteArray()))
                .isEqualTo("b7ad6b7169203331");
        assertThat(span.getStatus().getMessage()).isEqualTo("boom");
    }

    @Test
    void anIdThatIsNotHexBecomesEmptySoOnlyThatSpanIsRejected() throws Exception {
        String json = SPEC_JSON.replace("EEE19B7EC3C1B174", "not-hex!");

        Span span = OtlpDecoder.json(json.getBytes(StandardCharsets.UTF_8))
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getSpans(0);

        assertThat(span.getSpanId().isEmpty()).isTrue();
        assertThat(SpanNormaliser.problemWith(span)).contains("invalid span ID");
    }

    @Test
    void malformedBodiesAreRefusedWithAReason() {
        assertThatThrownBy(() -> OtlpDecoder.json("{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecoder.MalformedBodyException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> OtlpDecoder.json("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecoder.MalformedBodyException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> OtlpDecoder.json(
                        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"soon\"}]}]}]}"
                                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(OtlpDecoder.MalformedBodyException.class);
        assertThatThrownBy(() -> OtlpDecoder.protobuf(new byte[] {(byte) 0xff, 0x01, 0x02}))
                .isInstanceOf(OtlpDecoder.MalformedBodyException.class)
                .hasMessageContaining("protobuf");
    }
}
