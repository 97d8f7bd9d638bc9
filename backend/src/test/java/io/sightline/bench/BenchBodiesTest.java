package io.sightline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's request bodies are what a fleet of instrumented services would send. */
class BenchBodiesTest {

    private static final long NOW = 1_790_000_000_000_000_000L;

    @Test
    void aBatchHoldsExactlyTheRequestedSpansAsWholeTraces() throws Exception {
        BenchSpans.Batch batch = new BenchSpans("run-1", 1).batch(512, NOW, 0);
        ExportTraceServiceRequest decoded = ExportTraceServiceRequest.parseFrom(batch.bytes());
        List<Span> spans = spans(decoded);

        assertThat(spans).hasSize(512);
        assertThat(batch.spans()).isEqualTo(512);
        Map<String, Set<String>> spanIdsByTrace = new HashMap<>();
        spans.forEach(span -> spanIdsByTrace
                .computeIfAbsent(hex(span.getTraceId().toByteArray()), t -> new HashSet<>())
                .add(hex(span.getSpanId().toByteArray())));
        assertThat(spanIdsByTrace.keySet()).containsExactlyInAnyOrderElementsOf(batch.traceIds());
        for (Span span : spans) {
            String parent = hex(span.getParentSpanId().toByteArray());
            if (!parent.isEmpty()) {
                assertThat(spanIdsByTrace.get(hex(span.getTraceId().toByteArray())))
                        .as("parent in the same batch")
                        .contains(parent);
            }
        }
        long roots =
                spans.stream().filter(span -> span.getParentSpanId().isEmpty()).count();
        assertThat(roots)
                .as("one entry span per trace")
                .isEqualTo(batch.traceIds().size());
    }

    @Test
    void spansLookLikeInstrumentedServices() throws Exception {
        ExportTraceServiceRequest decoded = ExportTraceServiceRequest.parseFrom(
                new BenchSpans("run-2", 2).batch(512, NOW, 0).bytes());
        List<Span> spans = spans(decoded);

        double attributes =
                spans.stream().mapToInt(Span::getAttributesCount).average().orElse(0);
        assertThat(attributes).isBetween(8.0, 12.0);
        assertThat(spans).allSatisfy(span -> {
            assertThat(span.getTraceId().size()).isEqualTo(16);
            assertThat(span.getSpanId().size()).isEqualTo(8);
            assertThat(span.getEndTimeUnixNano()).isGreaterThan(span.getStartTimeUnixNano());
            assertThat(span.getStartTimeUnixNano())
                    .isBetween(NOW - Duration.ofSeconds(4).toNanos(), NOW);
            assertThat(span.getEndTimeUnixNano()).isLessThanOrEqualTo(NOW);
        });
        assertThat(spans).anySatisfy(span -> assertThat(span.getEventsCount()).isPositive());
        assertThat(spans.stream().map(Span::getKind).distinct())
                .contains(
                        Span.SpanKind.SPAN_KIND_SERVER,
                        Span.SpanKind.SPAN_KIND_CLIENT,
                        Span.SpanKind.SPAN_KIND_INTERNAL);
        assertThat(spans.stream()
                        .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                        .map(span -> span.getName())
                        .distinct()
                        .count())
                .as("endpoints")
                .isGreaterThan(10);
        assertThat(decoded.getResourceSpansList().stream()
                        .map(r -> value(r.getResource().getAttributesList(), "service.name"))
                        .distinct()
                        .count())
                .as("services")
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyResourceCarriesTheRunTagToCountStoredSpansBy() throws Exception {
        ExportTraceServiceRequest decoded = ExportTraceServiceRequest.parseFrom(
                new BenchSpans("run-3", 3).batch(512, NOW, 0).bytes());

        assertThat(decoded.getResourceSpansList())
                .allSatisfy(resource -> assertThat(
                                value(resource.getResource().getAttributesList(), BenchSpans.RUN_ATTRIBUTE))
                        .isEqualTo("run-3"));
    }

    @Test
    void traceIdsAreRandomAcrossBatchesAndSenders() {
        Set<String> ids = new HashSet<>();
        int traces = 0;
        for (long seed = 0; seed < 4; seed++) {
            BenchSpans sender = new BenchSpans("run-4", seed);
            for (int i = 0; i < 5; i++) {
                List<String> batch = sender.batch(512, NOW, 0).traceIds();
                traces += batch.size();
                ids.addAll(batch);
            }
        }
        assertThat(ids).hasSize(traces);
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
    }

    @Test
    void spreadScattersTracesOverThePast() throws Exception {
        long day = Duration.ofHours(24).toNanos();
        List<Span> spans = spans(ExportTraceServiceRequest.parseFrom(
                new BenchSpans("run-5", 5).batch(512, NOW, day).bytes()));

        long earliest =
                spans.stream().mapToLong(Span::getStartTimeUnixNano).min().orElseThrow();
        assertThat(earliest).isBetween(NOW - day - Duration.ofSeconds(3).toNanos(), NOW - day / 2);
    }

    @Test
    void percentilesAreNearestRank() {
        Latencies latencies = new Latencies();
        for (int ms = 1; ms <= 100; ms++) {
            latencies.add(ms * 1_000_000L);
        }
        assertThat(latencies.percentileMs(0.50)).isEqualTo(50.0);
        assertThat(latencies.percentileMs(0.95)).isEqualTo(95.0);
        assertThat(latencies.percentileMs(0.99)).isEqualTo(99.0);
        assertThat(latencies.percentileMs(1.0)).isEqualTo(100.0);
    }

    private static List<Span> spans(ExportTraceServiceRequest request) {
        return request.getResourceSpansList().stream()
                .map(ResourceSpans::getScopeSpansList)
                .flatMap(List::stream)
                .flatMap(scope -> scope.getSpansList().stream())
                .toList();
    }

    private static String value(List<KeyValue> attributes, String key) {
        return attributes.stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(kv -> kv.getValue().getStringValue())
                .findFirst()
                .orElse(null);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
