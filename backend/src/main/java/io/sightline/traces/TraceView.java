package io.sightline.traces;

import io.sightline.span.Span;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trace as the API and the page show it. Times: {@code startTime} is ISO-8601 UTC (nanosecond
 * precision), {@code startTimeEpochMs} the same instant in epoch milliseconds; offsets and
 * durations are milliseconds with decimals (microsecond precision), offsets from the trace's start.
 */
public record TraceView(
        String traceId,
        Instant startTime,
        long startTimeEpochMs,
        double durationMs,
        List<String> services,
        int spanCount,
        int errorCount,
        List<SpanView> spans,
        List<PathStep> criticalPath,
        Diagnosis diagnosis,
        FirstError firstError,
        List<RepeatedCalls> repeatedCalls) {

    /**
     * One span, in waterfall order (depth-first), with its place in the tree and on the critical path;
     * {@code boundSql} is a database span's statement with its recorded values written in ({@link
     * BoundSql}), null for other spans.
     */
    public record SpanView(
            String spanId,
            String parentSpanId,
            int depth,
            String service,
            String name,
            Span.SpanKind kind,
            String endpoint,
            double startOffsetMs,
            double durationMs,
            double selfTimeMs,
            boolean onCriticalPath,
            double criticalPathMs,
            Span.StatusCode status,
            String statusMessage,
            String httpMethod,
            int httpStatus,
            String userId,
            String serviceVersion,
            String environment,
            Map<String, String> attributes,
            Map<String, Span.AttributeType> attributeTypes,
            Map<String, String> resource,
            List<EventView> events,
            List<Span.Link> links,
            String boundSql) {}

    public record EventView(double offsetMs, String name, Map<String, String> attributes) {}

    /** A span on the critical path and the time it contributed (its own time on the path, children's excluded). */
    public record PathStep(String spanId, String service, String name, double contributedMs) {}
}
