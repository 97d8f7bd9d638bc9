package io.sightline.traces;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace's spans as the trace page's script reads them ({@code GET /traces/{id}/spans}): each span
 * one array of {@link #FIELDS} in that order, and each distinct resource written once and referred to
 * by index, so a trace costs about a quarter of the bytes (and of the browser's parsing) of the
 * API's {@link TraceView}. The page's own wire format, not an API: {@code trace-json.ts} decodes it.
 */
record WaterfallJson(
        double durationMs, List<String> fields, List<Map<String, String>> resources, List<List<Object>> spans) {

    static final List<String> FIELDS = List.of(
            "spanId",
            "parentSpanId",
            "depth",
            "service",
            "name",
            "kind",
            "startOffsetMs",
            "durationMs",
            "selfTimeMs",
            "onCriticalPath",
            "criticalPathMs",
            "status",
            "statusMessage",
            "attributes",
            "resource",
            "events",
            "links",
            "boundSql");

    static WaterfallJson of(TraceView trace) {
        Map<Map<String, String>, Integer> resources = new LinkedHashMap<>();
        List<List<Object>> spans = new ArrayList<>(trace.spans().size());
        for (TraceView.SpanView span : trace.spans()) {
            Integer resource = resources.computeIfAbsent(span.resource(), key -> resources.size());
            // Arrays.asList, not List.of: a status message or a statement may be null.
            spans.add(Arrays.asList(
                    span.spanId(),
                    span.parentSpanId(),
                    span.depth(),
                    span.service(),
                    span.name(),
                    span.kind(),
                    span.startOffsetMs(),
                    span.durationMs(),
                    span.selfTimeMs(),
                    span.onCriticalPath(),
                    span.criticalPathMs(),
                    span.status(),
                    span.statusMessage(),
                    span.attributes(),
                    resource,
                    span.events(),
                    span.links(),
                    span.boundSql()));
        }
        return new WaterfallJson(trace.durationMs(), FIELDS, List.copyOf(resources.keySet()), spans);
    }
}
