package io.sightline.ingest;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * OTLP protobuf spans (the stories as {@code TraceBuilder} makes them) as the SDK's {@link
 * SpanData}, so that an official SDK exporter, not our own encoder, puts them on the wire. Keeps
 * IDs, parents, times to the nanosecond, kind, status, typed attributes, events, links, resource
 * and scope.
 */
final class OtlpSpanData {

    private OtlpSpanData() {}

    static List<SpanData> of(List<ResourceSpans> resourceSpans) {
        List<SpanData> spans = new ArrayList<>();
        for (ResourceSpans resourceSpan : resourceSpans) {
            Resource resource =
                    Resource.create(attributes(resourceSpan.getResource().getAttributesList()));
            for (ScopeSpans scopeSpans : resourceSpan.getScopeSpansList()) {
                InstrumentationScopeInfo scope = InstrumentationScopeInfo.builder(
                                scopeSpans.getScope().getName())
                        .setVersion(scopeSpans.getScope().getVersion())
                        .build();
                for (Span span : scopeSpans.getSpansList()) {
                    spans.add(spanData(span, resource, scope));
                }
            }
        }
        return spans;
    }

    private static SpanData spanData(Span span, Resource resource, InstrumentationScopeInfo scope) {
        String traceId = hex(span.getTraceId().toByteArray());
        SpanContext parent = span.getParentSpanId().isEmpty()
                ? SpanContext.getInvalid()
                : context(traceId, hex(span.getParentSpanId().toByteArray()));
        List<EventData> events = span.getEventsList().stream()
                .map(event -> EventData.create(
                        event.getTimeUnixNano(), event.getName(), attributes(event.getAttributesList())))
                .toList();
        List<LinkData> links = span.getLinksList().stream()
                .map(link -> LinkData.create(
                        context(
                                hex(link.getTraceId().toByteArray()),
                                hex(link.getSpanId().toByteArray())),
                        attributes(link.getAttributesList())))
                .toList();
        Attributes attributes = attributes(span.getAttributesList());
        return TestSpanData.builder()
                .setSpanContext(context(traceId, hex(span.getSpanId().toByteArray())))
                .setParentSpanContext(parent)
                .setResource(resource)
                .setInstrumentationScopeInfo(scope)
                .setName(span.getName())
                .setKind(kind(span.getKind()))
                .setStartEpochNanos(span.getStartTimeUnixNano())
                .setEndEpochNanos(span.getEndTimeUnixNano())
                .setStatus(status(span.getStatus()))
                .setAttributes(attributes)
                .setTotalAttributeCount(attributes.size())
                .setEvents(events)
                .setTotalRecordedEvents(events.size())
                .setLinks(links)
                .setTotalRecordedLinks(links.size())
                .setHasEnded(true)
                .build();
    }

    private static SpanContext context(String traceId, String spanId) {
        return SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    }

    private static SpanKind kind(Span.SpanKind kind) {
        return switch (kind) {
            case SPAN_KIND_SERVER -> SpanKind.SERVER;
            case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
            case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
            case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
            default -> SpanKind.INTERNAL;
        };
    }

    private static StatusData status(Status status) {
        return switch (status.getCode()) {
            case STATUS_CODE_ERROR -> StatusData.create(StatusCode.ERROR, status.getMessage());
            case STATUS_CODE_OK -> StatusData.ok();
            default -> StatusData.unset();
        };
    }

    private static Attributes attributes(List<KeyValue> keyValues) {
        AttributesBuilder attributes = Attributes.builder();
        for (KeyValue keyValue : keyValues) {
            AnyValue value = keyValue.getValue();
            String key = keyValue.getKey();
            switch (value.getValueCase()) {
                case STRING_VALUE -> attributes.put(AttributeKey.stringKey(key), value.getStringValue());
                case INT_VALUE -> attributes.put(AttributeKey.longKey(key), value.getIntValue());
                case DOUBLE_VALUE -> attributes.put(AttributeKey.doubleKey(key), value.getDoubleValue());
                case BOOL_VALUE -> attributes.put(AttributeKey.booleanKey(key), value.getBoolValue());
                default ->
                    throw new IllegalArgumentException("the stories use no " + value.getValueCase() + " attribute");
            }
        }
        return attributes.build();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
