package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.sightline.IntegrationTest;
import io.sightline.demo.StoryFixture;
import io.sightline.span.SemanticConventions;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import tools.jackson.databind.JsonNode;
import zipkin2.reporter.Encoding;

/**
 * The five stories sent by each official OpenTelemetry Java exporter (OTLP http/protobuf, OTLP
 * gRPC, Zipkin), which encode the spans themselves, and every trace read back whole through the
 * Jaeger API, to the precision the protocol carries. Zipkin carries no links, no resource beyond
 * {@code service.name}, and events only as annotations; its span names arrive lower-cased.
 */
class SdkStoriesIT extends IntegrationTest {

    /** What the official SDK's batch span processor sends at most in one export. */
    private static final int BATCH = 512;

    @Autowired
    IngestConfiguration.OtlpHttpPort otlpPort;

    @Autowired
    IngestConfiguration.ZipkinPort zipkinPort;

    @Autowired
    GrpcServerLifecycle grpcServer;

    enum Transport {
        HTTP_PROTOBUF,
        GRPC,
        ZIPKIN
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theFiveStoriesComeBackWholeThroughTheJaegerApi(Transport transport) throws Exception {
        StoryFixture stories = StoryFixture.generate();
        List<SpanData> spans = OtlpSpanData.of(stories.resourceSpans());

        try (SpanExporter exporter = exporter(transport)) {
            for (int from = 0; from < spans.size(); from += BATCH) {
                CompletableResultCode exported = exporter.export(
                                spans.subList(from, Math.min(spans.size(), from + BATCH)))
                        .join(30, TimeUnit.SECONDS);
                assertThat(exported.isSuccess())
                        .as("%s export of spans %d…", transport, from)
                        .isTrue();
            }
        }

        Map<String, List<Expected>> traces = expectedTraces(stories.resourceSpans());
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<String, List<Expected>> trace : traces.entrySet()) {
            JsonNode found = api("/api/traces/" + trace.getKey()).get("data").get(0);
            assertTraceIsWhole(softly, transport, found, trace.getValue());
        }
        softly.assertAll();

        JsonNode slow = api("/api/v1/traces/" + stories.slowCheckout());
        JsonNode largest = slow.get("diagnosis").get("groups").get(0);
        assertThat(largest.get("kind").asString()).isEqualTo("EXTERNAL_HOST");
        assertThat(largest.get("criticalPathMs").asDouble()).isEqualTo(940.0);
        assertThat(slow.get("diagnosis").get("summary").asString())
                .as("Zipkin lower-cases span names; the diagnosis is otherwise the same")
                .isEqualToIgnoringCase(
                        "the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %); "
                                + "the bottleneck is an external dependency");
    }

    @SuppressWarnings("deprecation") // the OpenTelemetry Zipkin exporter is deprecated, not gone
    private SpanExporter exporter(Transport transport) {
        return switch (transport) {
            case HTTP_PROTOBUF ->
                OtlpHttpSpanExporter.builder()
                        .setEndpoint("http://localhost:" + otlpPort.localPort() + "/v1/traces")
                        .addHeader("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .setCompression("gzip")
                        .build();
            case GRPC ->
                OtlpGrpcSpanExporter.builder()
                        .setEndpoint("http://localhost:" + grpcServer.getPort())
                        .addHeader("authorization", "Bearer " + BOOTSTRAP_KEY)
                        .setCompression("gzip")
                        .build();
            case ZIPKIN ->
                ZipkinSpanExporter.builder()
                        .setSender(new ZipkinBearerSender(
                                URI.create("http://localhost:" + zipkinPort.localPort() + "/api/v2/spans"),
                                Encoding.JSON,
                                BOOTSTRAP_KEY))
                        .build();
        };
    }

    /** One span as sent, with its resource's service and version and its scope. */
    private record Expected(Span span, String service, String version, String scope) {}

    private static Map<String, List<Expected>> expectedTraces(List<ResourceSpans> resourceSpans) {
        Map<String, List<Expected>> traces = new LinkedHashMap<>();
        for (ResourceSpans resource : resourceSpans) {
            Map<String, String> process =
                    StoryFixture.attributes(resource.getResource().getAttributesList());
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    traces.computeIfAbsent(hex(span.getTraceId().toByteArray()), id -> new ArrayList<>())
                            .add(new Expected(
                                    span,
                                    process.get("service.name"),
                                    process.get("service.version"),
                                    scope.getScope().getName()));
                }
            }
        }
        return traces;
    }

    private static void assertTraceIsWhole(
            SoftAssertions softly, Transport transport, JsonNode trace, List<Expected> sent) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        trace.get("spans").forEach(span -> found.put(span.get("spanID").asString(), span));
        Set<String> sentIds = new LinkedHashSet<>();
        sent.forEach(expected -> sentIds.add(hex(expected.span().getSpanId().toByteArray())));
        softly.assertThat(found.keySet())
                .as("span IDs of trace %s", trace.get("traceID"))
                .isEqualTo(sentIds);
        boolean zipkin = transport == Transport.ZIPKIN;
        for (Expected expected : sent) {
            Span span = expected.span();
            JsonNode got = found.get(hex(span.getSpanId().toByteArray()));
            if (got == null) {
                continue;
            }
            String what = transport + " span " + span.getName();
            JsonNode process = trace.get("processes").get(got.get("processID").asString());
            softly.assertThat(process.get("serviceName").asString()).as(what).isEqualTo(expected.service());
            softly.assertThat(got.get("operationName").asString())
                    .as(what)
                    .isEqualTo(zipkin ? span.getName().toLowerCase(Locale.ROOT) : span.getName());
            long start = span.getStartTimeUnixNano();
            long end = span.getEndTimeUnixNano();
            softly.assertThat(got.get("startTime").asLong()).as(what).isEqualTo(start / 1_000);
            // Zipkin carries start and duration in whole microseconds, each truncated.
            softly.assertThat(got.get("duration").asLong())
                    .as(what)
                    .isEqualTo(zipkin ? Math.max(1, end / 1_000 - start / 1_000) : (end - start) / 1_000);
            softly.assertThat(references(got, "CHILD_OF"))
                    .as(what + " parent")
                    .isEqualTo(
                            span.getParentSpanId().isEmpty()
                                    ? List.of()
                                    : List.of(hex(span.getParentSpanId().toByteArray())));
            softly.assertThat(references(got, "FOLLOWS_FROM"))
                    .as(what + " links (Zipkin has none)")
                    .isEqualTo(
                            zipkin
                                    ? List.of()
                                    : span.getLinksList().stream()
                                            .map(link -> hex(link.getSpanId().toByteArray()))
                                            .toList());

            Map<String, String> tags = tags(got.get("tags"));
            softly.assertThat(tags.get("span.kind"))
                    .as(what + " kind")
                    .isEqualTo(span.getKind()
                            .name()
                            .substring("SPAN_KIND_".length())
                            .toLowerCase(Locale.ROOT));
            boolean error = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
            softly.assertThat(tags.get("error")).as(what + " error").isEqualTo(error ? "true" : null);
            if (error) {
                softly.assertThat(tags.get("otel.status_description"))
                        .as(what + " status message")
                        .isEqualTo(span.getStatus().getMessage());
            }
            // OTLP keeps every attribute under the name it was sent with; the Zipkin receiver
            // translates Brave's tag names to the current conventions, as a format conversion.
            StoryFixture.attributes(span.getAttributesList())
                    .forEach((key, value) -> softly.assertThat(
                                    zipkin && !tags.containsKey(key)
                                            ? tags.get(SemanticConventions.currentName(key))
                                            : tags.get(key))
                            .as(what + " attribute " + key)
                            .isEqualTo(value));
            softly.assertThat(tags.get("otel.scope.name")).as(what + " scope").isEqualTo(expected.scope());
            if (!zipkin) {
                softly.assertThat(tags(process.get("tags")))
                        .as(what + " resource")
                        .containsEntry("service.version", expected.version());
            }

            JsonNode logs = got.get("logs");
            softly.assertThat(logs.size()).as(what + " events").isEqualTo(span.getEventsCount());
            for (int i = 0; i < Math.min(logs.size(), span.getEventsCount()); i++) {
                Span.Event event = span.getEvents(i);
                JsonNode log = logs.get(i);
                softly.assertThat(log.get("timestamp").asLong())
                        .as(what + " event time")
                        .isEqualTo(event.getTimeUnixNano() / 1_000);
                Map<String, String> fields = tags(log.get("fields"));
                if (zipkin) {
                    // The exporter writes an event as one annotation: "name":{attributes as JSON}.
                    softly.assertThat(fields.get("event"))
                            .as(what + " annotation")
                            .startsWith("\"" + event.getName() + "\":");
                } else {
                    softly.assertThat(fields.get("event")).as(what + " event").isEqualTo(event.getName());
                    StoryFixture.attributes(event.getAttributesList())
                            .forEach((key, value) -> softly.assertThat(fields)
                                    .as(what + " event attribute " + key)
                                    .containsEntry(key, value));
                }
            }
        }
    }

    private static List<String> references(JsonNode span, String type) {
        List<String> ids = new ArrayList<>();
        span.get("references").forEach(reference -> {
            if (reference.get("refType").asString().equals(type)) {
                ids.add(reference.get("spanID").asString());
            }
        });
        return ids;
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> values = new LinkedHashMap<>();
        tags.forEach(
                tag -> values.put(tag.get("key").asString(), tag.get("value").asString()));
        return values;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
