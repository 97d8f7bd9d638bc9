package io.sightline.ingest;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.sightline.span.SemanticConventions;
import io.sightline.span.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns an OTLP export request into {@link Span}s: hex IDs, attributes under the names they were
 * sent with, the typed columns filled from either name of their attribute
 * ({@link SemanticConventions}, the current name winning), and each span checked. Invalid spans,
 * and spans starting outside the {@link Window}, are counted and dropped; the rest of the request
 * is kept.
 */
final class SpanNormaliser {

    private static final HexFormat HEX = HexFormat.of();
    private static final Set<Span.SpanKind> ENTRY_KINDS = Set.of(Span.SpanKind.SERVER, Span.SpanKind.CONSUMER);

    private SpanNormaliser() {}

    /**
     * The spans worth storing, how many were rejected and why (first reason only, as OTLP asks), and
     * what the {@link SpanLimits} cut from the stored ones (null when nothing). Of the rejected,
     * {@code outOfWindow} started outside the {@link Window}; the others were invalid.
     */
    record Result(List<Span> spans, int rejected, String rejection, String limited, int outOfWindow) {}

    /**
     * The start times worth storing, in Unix nanoseconds: not older than retention (TTL would drop
     * them), not further ahead than a sender's clock can plausibly be off. Spans on many days would
     * also make one insert write a partition per day, and ClickHouse refuses inserts over 100.
     */
    record Window(long earliestNanos, long latestNanos, Duration retention, Duration maxFutureSkew) {

        static Window around(Instant now, Duration retention, Duration maxFutureSkew) {
            // Never below 1: start times are unsigned, and 0 is rejected on its own.
            return new Window(
                    Math.max(1, nanos(now.minus(retention))), nanos(now.plus(maxFutureSkew)), retention, maxFutureSkew);
        }

        /** Whether a span starting at {@code startNanos} (OTLP's unsigned fixed64) is stored. */
        boolean contains(long startNanos) {
            return Long.compareUnsigned(startNanos, earliestNanos) >= 0
                    && Long.compareUnsigned(startNanos, latestNanos) <= 0;
        }

        /** Why a span outside the window is rejected; only built for the first, so not per span. */
        String problemWith(long startNanos) {
            if (Long.compareUnsigned(startNanos, earliestNanos) < 0) {
                return "span starts " + instant(startNanos) + ", before the retention window of "
                        + plural(retention.toDays(), "day");
            }
            return "span starts "
                    + (startNanos < 0 ? "after 2262" : instant(startNanos).toString()) + ", more than "
                    + text(maxFutureSkew) + " in the future; check the sender's clock";
        }

        private static long nanos(Instant instant) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }

        private static Instant instant(long nanos) {
            return Instant.ofEpochSecond(0, nanos);
        }

        private static String text(Duration duration) {
            if (duration.toSeconds() % 3600 == 0) {
                return duration.toHours() + " h";
            }
            return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
        }

        private static String plural(long count, String unit) {
            return count + " " + unit + (count == 1 ? "" : "s");
        }
    }

    static Result normalise(
            ExportTraceServiceRequest request, long projectId, Redactor redactor, Window window, SpanLimits limits) {
        return normalise(request, projectId, redactor, window, limits, span -> {});
    }

    /**
     * The same, handing each kept span to {@code kept} as soon as it is built (in the order of
     * {@link Result#spans()}): the pipeline encodes it there while its maps and strings are still in
     * the CPU's cache. Encoding a request's spans afterwards read them back from memory, and took
     * as long as normalising them.
     */
    static Result normalise(
            ExportTraceServiceRequest request,
            long projectId,
            Redactor redactor,
            Window window,
            SpanLimits limits,
            Consumer<Span> kept) {
        SpanLimits.Cuts cuts = limits.cuts();
        List<Span> spans = new ArrayList<>();
        // One builder per request, every field set for every span: a builder per span would be
        // the one allocation per span that is not stored.
        Span.Builder builder = Span.builder();
        int rejected = 0;
        int outOfWindow = 0;
        String rejection = null;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Typed resource = typed(
                    resourceSpans.getResource().getAttributesList(), redactor, cuts, limits.attributesPerResource());
            String service = resource.values().getOrDefault("service.name", "unknown_service");
            String version = orEmpty(SemanticConventions.value(resource.values(), SemanticConventions.SERVICE_VERSION));
            String environment = orEmpty(SemanticConventions.value(resource.values(), SemanticConventions.ENVIRONMENT));
            Map<ByteString, String> serviceOfSpan = new HashMap<>();
            for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                for (var span : scope.getSpansList()) {
                    serviceOfSpan.put(span.getSpanId(), service);
                }
            }
            for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                for (var otlp : scope.getSpansList()) {
                    String problem = problemWith(otlp);
                    if (problem != null || !window.contains(otlp.getStartTimeUnixNano())) {
                        rejected++;
                        outOfWindow += problem == null ? 1 : 0;
                        if (rejection == null) {
                            rejection = problem != null ? problem : window.problemWith(otlp.getStartTimeUnixNano());
                        }
                        continue;
                    }
                    Span span = span(
                            builder,
                            projectId,
                            otlp,
                            service,
                            version,
                            environment,
                            resource,
                            scope,
                            serviceOfSpan,
                            redactor,
                            cuts);
                    spans.add(span);
                    kept.accept(span);
                }
            }
        }
        return new Result(spans, rejected, rejection, cuts.message(), outOfWindow);
    }

    private static Span span(
            Span.Builder builder,
            long projectId,
            io.opentelemetry.proto.trace.v1.Span otlp,
            String service,
            String version,
            String environment,
            Typed resource,
            ScopeSpans scope,
            Map<ByteString, String> serviceOfSpan,
            Redactor redactor,
            SpanLimits.Cuts cuts) {
        SpanLimits limits = cuts.limits();
        Typed attributes = typed(otlp.getAttributesList(), redactor, cuts, limits.attributesPerSpan());
        Map<String, String> values = attributes.values();
        String parent = otlp.getParentSpanId().isEmpty()
                ? ""
                : HEX.formatHex(otlp.getParentSpanId().toByteArray());
        Span.SpanKind kind = otlp.getKindValue() >= 0 && otlp.getKindValue() < Span.SpanKind.values().length
                ? Span.SpanKind.values()[otlp.getKindValue()]
                : Span.SpanKind.UNSPECIFIED;
        boolean entry = ENTRY_KINDS.contains(kind)
                && (parent.isEmpty() || !service.equals(serviceOfSpan.get(otlp.getParentSpanId())));
        String method = orEmpty(SemanticConventions.value(values, SemanticConventions.HTTP_METHOD));
        String route = values.getOrDefault("http.route", "");
        String name = cuts.name(otlp.getName());
        String endpoint =
                !route.isEmpty() && !method.isEmpty() ? method + " " + route : !route.isEmpty() ? route : name;
        int statusValue = otlp.getStatus().getCodeValue();
        Span.StatusCode status =
                statusValue >= 0 && statusValue < 3 ? Span.StatusCode.values()[statusValue] : Span.StatusCode.UNSET;
        return builder.projectId(projectId)
                .traceId(HEX.formatHex(otlp.getTraceId().toByteArray()))
                .spanId(HEX.formatHex(otlp.getSpanId().toByteArray()))
                .parentSpanId(parent)
                .traceState(otlp.getTraceState())
                .startNanos(otlp.getStartTimeUnixNano())
                .durationNanos(otlp.getEndTimeUnixNano() - otlp.getStartTimeUnixNano())
                .service(service)
                .name(name)
                .endpoint(endpoint)
                .kind(kind)
                .entry(entry)
                .status(status)
                .statusMessage(cuts.value(otlp.getStatus().getMessage()))
                .httpMethod(method)
                .httpStatus(httpStatus(SemanticConventions.value(values, SemanticConventions.HTTP_STATUS)))
                .userId(orEmpty(SemanticConventions.value(values, SemanticConventions.USER_ID)))
                .serviceVersion(version)
                .environment(environment)
                .scopeName(scope.getScope().getName())
                .scopeVersion(scope.getScope().getVersion())
                .attributes(values)
                .attributeTypes(attributes.types())
                .resource(resource.values())
                .resourceTypes(resource.types())
                .events(events(otlp, redactor, cuts))
                .links(links(otlp, redactor, cuts))
                .build();
    }

    // Loops rather than streams: most spans have no events or links, and a stream pipeline per span
    // was a tenth of what normalising allocated.
    private static List<Span.Event> events(
            io.opentelemetry.proto.trace.v1.Span otlp, Redactor redactor, SpanLimits.Cuts cuts) {
        int kept = cuts.events(otlp.getEventsCount());
        if (kept == 0) {
            return List.of();
        }
        List<Span.Event> events = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            var event = otlp.getEvents(i);
            events.add(new Span.Event(
                    event.getTimeUnixNano(),
                    cuts.name(event.getName()),
                    typed(
                                    event.getAttributesList(),
                                    redactor,
                                    cuts,
                                    cuts.limits().attributesPerEvent())
                            .values()));
        }
        return events;
    }

    private static List<Span.Link> links(
            io.opentelemetry.proto.trace.v1.Span otlp, Redactor redactor, SpanLimits.Cuts cuts) {
        int kept = cuts.links(otlp.getLinksCount());
        if (kept == 0) {
            return List.of();
        }
        List<Span.Link> links = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            var link = otlp.getLinks(i);
            links.add(new Span.Link(
                    HEX.formatHex(link.getTraceId().toByteArray()),
                    HEX.formatHex(link.getSpanId().toByteArray()),
                    link.getTraceState(),
                    typed(
                                    link.getAttributesList(),
                                    redactor,
                                    cuts,
                                    cuts.limits().attributesPerEvent())
                            .values()));
        }
        return links;
    }

    /** Why a span cannot be stored, or null when it can. */
    static String problemWith(io.opentelemetry.proto.trace.v1.Span span) {
        if (!validId(span.getTraceId(), 16)) {
            return "span with an invalid trace ID (must be 16 bytes, not all zero)";
        }
        if (!validId(span.getSpanId(), 8)) {
            return "span with an invalid span ID (must be 8 bytes, not all zero)";
        }
        if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != 8) {
            return "span with an invalid parent span ID (must be empty or 8 bytes)";
        }
        if (span.getStartTimeUnixNano() == 0) {
            return "span without a start time";
        }
        // OTLP times are unsigned 64-bit; from 2^63 ns (the year 2262) on a long is negative, and
        // neither storage nor a duration or end computed from such a time would be right.
        if (span.getStartTimeUnixNano() < 0 || span.getEndTimeUnixNano() < 0) {
            return "span with a time past the year 2262 (2^63 ns)";
        }
        if (span.getEndTimeUnixNano() < span.getStartTimeUnixNano()) {
            return "span that ends before it starts";
        }
        if (span.getName().isEmpty()) {
            return "span without a name";
        }
        return null;
    }

    private static boolean validId(ByteString id, int length) {
        if (id.size() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (id.byteAt(i) != 0) {
                return true;
            }
        }
        return false;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static int httpStatus(String text) {
        if (text == null) {
            return 0;
        }
        try {
            int status = Integer.parseInt(text);
            return status >= 0 && status <= 65_535 ? status : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Attribute values as text, with the OTLP type of those that were not strings. */
    record Typed(Map<String, String> values, Map<String, Span.AttributeType> types) {}

    /** The first {@code limit} attributes, keys and values cut to the limits' length (before redaction). */
    static Typed typed(List<KeyValue> attributes, Redactor redactor, SpanLimits.Cuts cuts, int limit) {
        if (attributes.isEmpty()) {
            return new Typed(Map.of(), Map.of());
        }
        int kept = cuts.attributes(attributes.size(), limit);
        Map<String, String> values = new LinkedHashMap<>(kept * 2);
        Map<String, Span.AttributeType> types = Map.of();
        for (int i = 0; i < kept; i++) {
            KeyValue attribute = attributes.get(i);
            String key = cuts.value(attribute.getKey());
            AnyValue value = attribute.getValue();
            Span.AttributeType type = typeOf(value);
            if (type != null) {
                types = types.isEmpty() ? new LinkedHashMap<>() : types;
                types.put(key, type);
            } else if (!types.isEmpty()) {
                types.remove(key);
            }
            values.put(key, redactor.redact(key, cuts.value(text(value))));
        }
        return new Typed(values, types);
    }

    private static Span.AttributeType typeOf(AnyValue value) {
        return switch (value.getValueCase()) {
            case BOOL_VALUE -> Span.AttributeType.BOOL;
            case INT_VALUE -> Span.AttributeType.INT;
            case DOUBLE_VALUE -> Span.AttributeType.DOUBLE;
            case ARRAY_VALUE -> Span.AttributeType.ARRAY;
            case KVLIST_VALUE -> Span.AttributeType.MAP;
            case BYTES_VALUE -> Span.AttributeType.BYTES;
            default -> null;
        };
    }

    /** Scalars as their usual text; arrays and maps as JSON; bytes as base64. */
    static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE ->
                Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> json(value);
            case VALUE_NOT_SET, STRING_VALUE_STRINDEX -> "";
        };
    }

    private static String json(AnyValue value) {
        StringBuilder out = new StringBuilder();
        appendJson(value, out);
        return out.toString();
    }

    private static void appendJson(AnyValue value, StringBuilder out) {
        switch (value.getValueCase()) {
            case ARRAY_VALUE -> {
                out.append('[');
                List<AnyValue> items = value.getArrayValue().getValuesList();
                for (int i = 0; i < items.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    appendJson(items.get(i), out);
                }
                out.append(']');
            }
            case KVLIST_VALUE -> {
                out.append('{');
                List<KeyValue> entries = value.getKvlistValue().getValuesList();
                for (int i = 0; i < entries.size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    quote(entries.get(i).getKey(), out);
                    out.append(':');
                    appendJson(entries.get(i).getValue(), out);
                }
                out.append('}');
            }
            case BOOL_VALUE, INT_VALUE, DOUBLE_VALUE -> out.append(text(value));
            default -> quote(text(value), out);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
