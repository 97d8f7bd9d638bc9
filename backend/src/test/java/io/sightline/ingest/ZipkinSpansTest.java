package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;
import zipkin2.codec.SpanBytesEncoder;

class ZipkinSpansTest {

    private static final String TRACE = "5b8efff798038103d269b633813fc60c";

    private static zipkin2.Span.Builder zipkin() {
        return zipkin2.Span.newBuilder()
                .traceId(TRACE)
                .id("eee19b7ec3c1b174")
                .name("get /checkout")
                .timestamp(1_544_712_660_000_001L)
                .duration(1_500);
    }

    private static Span convert(zipkin2.Span span) {
        ExportTraceServiceRequest request = ZipkinSpans.toOtlp(List.of(span));
        return request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }

    private static Map<String, AnyValue> attributes(Span span) {
        return span.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    @Test
    void idsNameAndMicrosecondTimesBecomeOtlpNanoseconds() {
        Span span = convert(zipkin().parentId("eee19b7ec3c1b173").build());

        assertThat(hex(span.getTraceId())).isEqualTo(TRACE);
        assertThat(hex(span.getSpanId())).isEqualTo("eee19b7ec3c1b174");
        assertThat(hex(span.getParentSpanId())).isEqualTo("eee19b7ec3c1b173");
        assertThat(span.getName()).isEqualTo("get /checkout");
        assertThat(span.getStartTimeUnixNano()).isEqualTo(1_544_712_660_000_001_000L);
        assertThat(span.getEndTimeUnixNano()).isEqualTo(1_544_712_660_001_501_000L);
    }

    @Test
    void a64BitTraceIdIsLeftPaddedTo128Bits() {
        Span span = convert(zipkin().traceId("d269b633813fc60c").build());

        assertThat(hex(span.getTraceId())).isEqualTo("0000000000000000d269b633813fc60c");
        assertThat(span.getTraceId().size()).isEqualTo(16);
    }

    @Test
    void kindsMapToOtlpKindsAndNoKindIsInternal() {
        assertThat(convert(zipkin().kind(zipkin2.Span.Kind.CLIENT).build()).getKind())
                .isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(convert(zipkin().kind(zipkin2.Span.Kind.SERVER).build()).getKind())
                .isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(convert(zipkin().kind(zipkin2.Span.Kind.PRODUCER).build()).getKind())
                .isEqualTo(Span.SpanKind.SPAN_KIND_PRODUCER);
        assertThat(convert(zipkin().kind(zipkin2.Span.Kind.CONSUMER).build()).getKind())
                .isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(convert(zipkin().build()).getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
    }

    @Test
    void aSharedServerSpanGetsItsOwnDeterministicIdUnderTheClientHalf() {
        zipkin2.Span client = zipkin().parentId("1111111111111111")
                .kind(zipkin2.Span.Kind.CLIENT)
                .build();
        zipkin2.Span server = zipkin().parentId("1111111111111111")
                .kind(zipkin2.Span.Kind.SERVER)
                .shared(true)
                .build();

        Span clientHalf = convert(client);
        Span serverHalf = convert(server);

        assertThat(hex(clientHalf.getSpanId())).isEqualTo("eee19b7ec3c1b174");
        assertThat(hex(clientHalf.getParentSpanId())).isEqualTo("1111111111111111");
        assertThat(serverHalf.getSpanId()).isNotEqualTo(clientHalf.getSpanId());
        assertThat(serverHalf.getSpanId().size()).isEqualTo(8);
        assertThat(serverHalf.getParentSpanId()).isEqualTo(clientHalf.getSpanId());
        assertThat(convert(server).getSpanId()).as("the same on every delivery").isEqualTo(serverHalf.getSpanId());
        assertThat(convert(zipkin().traceId("d269b633813fc60c")
                                .kind(zipkin2.Span.Kind.SERVER)
                                .shared(true)
                                .build())
                        .getSpanId())
                .as("another trace's span with the same ID")
                .isNotEqualTo(serverHalf.getSpanId());
    }

    @Test
    void knownTagsGetSemanticConventionNamesAndIntegerValues() {
        Span span = convert(zipkin().kind(zipkin2.Span.Kind.SERVER)
                .putTag("http.method", "GET")
                .putTag("http.path", "/checkout/42")
                .putTag("http.route", "/checkout/{id}")
                .putTag("http.url", "http://shop/checkout/42?x=1")
                .putTag("http.status_code", "503")
                .putTag("http.host", "shop.example")
                .putTag("http.request.size", "12")
                .putTag("http.response.size", "not a number")
                .putTag("user.id", "user-7")
                .build());

        Map<String, AnyValue> attributes = attributes(span);
        assertThat(attributes.get("http.request.method").getStringValue()).isEqualTo("GET");
        assertThat(attributes.get("url.path").getStringValue()).isEqualTo("/checkout/42");
        assertThat(attributes.get("http.route").getStringValue()).isEqualTo("/checkout/{id}");
        assertThat(attributes.get("url.full").getStringValue()).isEqualTo("http://shop/checkout/42?x=1");
        assertThat(attributes.get("http.response.status_code").getIntValue()).isEqualTo(503);
        assertThat(attributes.get("server.address").getStringValue()).isEqualTo("shop.example");
        assertThat(attributes.get("http.request.body.size").getIntValue()).isEqualTo(12);
        assertThat(attributes.get("http.response.body.size").getStringValue())
                .as("a value that is not a number stays a string")
                .isEqualTo("not a number");
        assertThat(attributes.get("user.id").getStringValue()).isEqualTo("user-7");
        assertThat(attributes).doesNotContainKeys("http.method", "http.path", "http.status_code", "http.url");
    }

    @Test
    void theErrorTagIsAnErrorStatusWithItsMessage() {
        Span failed = convert(zipkin().putTag("error", "cart is empty").build());
        Span flagged = convert(zipkin().putTag("error", "true").build());
        Span fine = convert(zipkin().build());

        assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(failed.getStatus().getMessage()).isEqualTo("cart is empty");
        assertThat(attributes(failed)).doesNotContainKey("error");
        assertThat(flagged.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(flagged.getStatus().getMessage()).isEmpty();
        assertThat(fine.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    }

    @Test
    void theOtelSdkStatusTagsAreTheStatus() {
        Span span = convert(zipkin().putTag("otel.status_code", "ERROR")
                .putTag("otel.status_description", "timed out")
                .build());

        assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(span.getStatus().getMessage()).isEqualTo("timed out");
        assertThat(attributes(span)).doesNotContainKeys("otel.status_code", "otel.status_description");
    }

    @Test
    void annotationsBecomeEvents() {
        Span span = convert(zipkin().addAnnotation(1_544_712_660_000_500L, "wire send")
                .addAnnotation(1_544_712_660_000_900L, "wire recv")
                .build());

        assertThat(span.getEventsList())
                .extracting(Span.Event::getName, Span.Event::getTimeUnixNano)
                .containsExactly(
                        tuple("wire send", 1_544_712_660_000_500_000L), tuple("wire recv", 1_544_712_660_000_900_000L));
    }

    @Test
    void endpointsBecomeTheServiceAndNetworkAttributes() {
        Span span = convert(zipkin().kind(zipkin2.Span.Kind.CLIENT)
                .localEndpoint(Endpoint.newBuilder()
                        .serviceName("frontend")
                        .ip("10.0.0.1")
                        .port(8080)
                        .build())
                .remoteEndpoint(Endpoint.newBuilder()
                        .serviceName("backend")
                        .ip("2001:db8::c001")
                        .port(9000)
                        .build())
                .build());

        Map<String, AnyValue> attributes = attributes(span);
        assertThat(attributes.get("network.local.address").getStringValue()).isEqualTo("10.0.0.1");
        assertThat(attributes.get("network.local.port").getIntValue()).isEqualTo(8080);
        assertThat(attributes.get("peer.service").getStringValue()).isEqualTo("backend");
        assertThat(attributes.get("network.peer.address").getStringValue()).isEqualTo("2001:db8::c001");
        assertThat(attributes.get("network.peer.port").getIntValue()).isEqualTo(9000);
        assertThat(attributes.get("server.address").getStringValue()).isEqualTo("2001:db8::c001");
        assertThat(attributes.get("server.port").getIntValue()).isEqualTo(9000);

        Span server = convert(zipkin().kind(zipkin2.Span.Kind.SERVER)
                .remoteEndpoint(Endpoint.newBuilder().ip("10.0.0.9").build())
                .build());
        assertThat(attributes(server)).containsKey("network.peer.address").doesNotContainKey("server.address");
    }

    @Test
    void spansAreGroupedIntoOneResourcePerService() {
        zipkin2.Span a1 = zipkin().localEndpoint(
                        Endpoint.newBuilder().serviceName("a").build())
                .build();
        zipkin2.Span b = zipkin().id("0000000000000002")
                .localEndpoint(Endpoint.newBuilder().serviceName("b").build())
                .build();
        zipkin2.Span a2 = zipkin().id("0000000000000003")
                .localEndpoint(Endpoint.newBuilder().serviceName("a").build())
                .build();
        zipkin2.Span anonymous = zipkin().id("0000000000000004").build();

        List<ResourceSpans> resources =
                ZipkinSpans.toOtlp(List.of(a1, b, a2, anonymous)).getResourceSpansList();

        assertThat(resources).hasSize(3);
        assertThat(resources.get(0).getResource().getAttributes(0).getValue().getStringValue())
                .isEqualTo("a");
        assertThat(resources.get(0).getScopeSpans(0).getSpansCount()).isEqualTo(2);
        assertThat(resources.get(1).getResource().getAttributes(0).getValue().getStringValue())
                .isEqualTo("b");
        assertThat(resources.get(2).getResource().getAttributesCount())
                .as("no service name: the pipeline's unknown_service")
                .isZero();
    }

    @Test
    void missingFieldsStayEmptyForThePipelineToJudge() {
        Span span = convert(zipkin2.Span.newBuilder()
                .traceId(TRACE)
                .id("eee19b7ec3c1b174")
                .debug(true)
                .build());

        assertThat(span.getName()).isEmpty();
        assertThat(span.getParentSpanId().isEmpty()).isTrue();
        assertThat(span.getStartTimeUnixNano())
                .as("no timestamp: rejected by the normaliser")
                .isZero();
        assertThat(span.getEndTimeUnixNano()).isZero();
        assertThat(span.getAttributesList()).isEmpty();
        assertThat(span.getEventsList()).isEmpty();
    }

    @Test
    void decodesJsonAndProto3AndRefusesWhatIsNeither() throws Exception {
        List<zipkin2.Span> spans =
                List.of(zipkin().kind(zipkin2.Span.Kind.SERVER).build());

        ExportTraceServiceRequest json = ZipkinSpans.decode(SpanBytesEncoder.JSON_V2.encodeList(spans), true);
        ExportTraceServiceRequest proto = ZipkinSpans.decode(SpanBytesEncoder.PROTO3.encodeList(spans), false);

        assertThat(json).isEqualTo(proto).isEqualTo(ZipkinSpans.toOtlp(spans));
        assertThatThrownBy(() -> ZipkinSpans.decode("[{\"traceId\":".getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOf(OtlpDecoder.MalformedBodyException.class)
                .hasMessageContaining("Zipkin v2 spans in JSON");
        assertThatThrownBy(() -> ZipkinSpans.decode(
                        "[{\"traceId\":\"xyz\",\"id\":\"1\"}]".getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOf(OtlpDecoder.MalformedBodyException.class);
        assertThatThrownBy(() -> ZipkinSpans.decode(new byte[] {0x0a, 0x7f, 0x01}, false))
                .isInstanceOf(OtlpDecoder.MalformedBodyException.class)
                .hasMessageContaining("proto3");
    }
}
