package io.sightline.jaeger;

import io.sightline.span.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spans in Jaeger's JSON model (jaeger's {@code model/json}): microsecond times, references for
 * parents (CHILD_OF) and links (FOLLOWS_FROM), typed tags, logs for events, and one process per
 * service and resource.
 */
final class JaegerTraces {

    private JaegerTraces() {}

    record Trace(String traceID, List<JaegerSpan> spans, Map<String, Process> processes, List<String> warnings) {}

    record JaegerSpan(
            String traceID,
            String spanID,
            int flags,
            String operationName,
            List<Reference> references,
            long startTime,
            long duration,
            List<Tag> tags,
            List<Log> logs,
            String processID,
            List<String> warnings) {}

    record Reference(String refType, String traceID, String spanID) {}

    record Tag(String key, String type, Object value) {}

    record Log(long timestamp, List<Tag> fields) {}

    record Process(String serviceName, List<Tag> tags) {}

    /** Groups spans by trace, keeping the order in which traces first appear in {@code order}. */
    static List<Trace> of(List<String> order, List<Span> spans) {
        Map<String, List<Span>> byTrace = new LinkedHashMap<>();
        order.forEach(id -> byTrace.put(id, new ArrayList<>()));
        spans.forEach(span ->
                byTrace.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span));
        return byTrace.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> trace(entry.getKey(), entry.getValue()))
                .toList();
    }

    static Trace trace(String traceId, List<Span> spans) {
        Map<String, Process> processes = new LinkedHashMap<>();
        Map<Process, String> processIds = new LinkedHashMap<>();
        List<JaegerSpan> converted = new ArrayList<>();
        for (Span span : spans) {
            Process process = new Process(span.service(), tags(span.resource(), span.resourceTypes(), "service.name"));
            String processId = processIds.computeIfAbsent(process, p -> {
                String id = "p" + (processIds.size() + 1);
                processes.put(id, p);
                return id;
            });
            converted.add(span(span, processId));
        }
        return new Trace(traceId, converted, processes, null);
    }

    private static JaegerSpan span(Span span, String processId) {
        List<Reference> references = new ArrayList<>();
        if (!span.parentSpanId().isEmpty()) {
            references.add(new Reference("CHILD_OF", span.traceId(), span.parentSpanId()));
        }
        span.links().forEach(link -> references.add(new Reference("FOLLOWS_FROM", link.traceId(), link.spanId())));
        List<Tag> tags = tags(span.attributes(), span.attributeTypes(), null);
        if (span.kind() != Span.SpanKind.UNSPECIFIED) {
            tags.add(new Tag("span.kind", "string", span.kind().name().toLowerCase(Locale.ROOT)));
        }
        if (span.status() != Span.StatusCode.UNSET) {
            tags.add(new Tag("otel.status_code", "string", span.status().name()));
        }
        if (span.status() == Span.StatusCode.ERROR) {
            tags.add(new Tag("error", "bool", true));
            if (!span.statusMessage().isEmpty()) {
                tags.add(new Tag("otel.status_description", "string", span.statusMessage()));
            }
        }
        if (!span.scopeName().isEmpty()) {
            tags.add(new Tag("otel.scope.name", "string", span.scopeName()));
        }
        if (!span.scopeVersion().isEmpty()) {
            tags.add(new Tag("otel.scope.version", "string", span.scopeVersion()));
        }
        List<Log> logs = span.events().stream()
                .map(event -> {
                    List<Tag> fields = new ArrayList<>();
                    fields.add(new Tag("event", "string", event.name()));
                    fields.addAll(tags(event.attributes(), Map.of(), null));
                    return new Log(event.timeNanos() / 1_000, fields);
                })
                .toList();
        return new JaegerSpan(
                span.traceId(),
                span.spanId(),
                1,
                span.name(),
                references,
                span.startNanos() / 1_000,
                span.durationNanos() / 1_000,
                tags,
                logs,
                processId,
                null);
    }

    private static List<Tag> tags(Map<String, String> values, Map<String, Span.AttributeType> types, String skip) {
        List<Tag> tags = new ArrayList<>();
        values.forEach((key, value) -> {
            if (!key.equals(skip)) {
                tags.add(tag(key, value, types.get(key)));
            }
        });
        return tags;
    }

    private static Tag tag(String key, String value, Span.AttributeType type) {
        if (type == null) {
            return new Tag(key, "string", value);
        }
        try {
            return switch (type) {
                case BOOL -> new Tag(key, "bool", Boolean.parseBoolean(value));
                case INT -> new Tag(key, "int64", Long.parseLong(value));
                case DOUBLE -> new Tag(key, "float64", Double.parseDouble(value));
                case BYTES -> new Tag(key, "binary", value);
                case ARRAY, MAP -> new Tag(key, "string", value);
            };
        } catch (NumberFormatException e) {
            return new Tag(key, "string", value);
        }
    }
}
