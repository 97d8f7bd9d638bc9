package io.sightline.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.sightline.traces.Diagnosis;
import io.sightline.traces.FirstError;
import io.sightline.traces.RepeatedCalls;
import io.sightline.traces.TraceIds;
import io.sightline.traces.TraceService;
import io.sightline.traces.TraceView;
import io.sightline.web.BadParameterException;
import io.sightline.web.Formats;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code diagnose_trace}: a trace by ID (any form {@link TraceIds} takes) → its diagnosis, critical
 * path, repeated calls (N+1) and first error, without the per-span details the JSON API also gives.
 */
@Component
class DiagnoseTraceTool implements McpTool {

    /** Critical-path steps the conclusion names, the largest contributions first. */
    static final int PATH_STEPS = 3;

    private final TraceService traces;

    DiagnoseTraceTool(TraceService traces) {
        this.traces = traces;
    }

    /** A trace's findings; {@code request} is the root span's service and name. Times as the trace API gives them. */
    record TraceDiagnosis(
            String traceId,
            String request,
            Instant startTime,
            double durationMs,
            List<String> services,
            int spanCount,
            int errorCount,
            Diagnosis diagnosis,
            List<TraceView.PathStep> criticalPath,
            List<RepeatedCalls> repeatedCalls,
            FirstError firstError) {

        static TraceDiagnosis of(TraceView view) {
            TraceView.SpanView root = view.spans().getFirst();
            return new TraceDiagnosis(
                    view.traceId(),
                    root.name() + " of " + root.service(),
                    view.startTime(),
                    view.durationMs(),
                    view.services(),
                    view.spanCount(),
                    view.errorCount(),
                    view.diagnosis(),
                    view.criticalPath(),
                    view.repeatedCalls(),
                    view.firstError());
        }
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder()
                .name("diagnose_trace")
                .title("Diagnose a trace")
                .description("Why one request was slow or failed: the diagnosis (where the critical path's time"
                        + " went — an external call, a database, repeated calls (N+1), a service's own code, a"
                        + " queue — or the failure and its evidence), the critical path, repeated calls and the"
                        + " first error with its cause. Every span's details are at GET /api/v1/traces/{traceId}.")
                .annotations(READS)
                .inputSchema(new ToolSchema()
                        .text(
                                "traceId",
                                "32 hex digits (any case; dashes and spaces are ignored), a 16-digit ID from"
                                        + " older Jaeger or Zipkin clients, or a W3C traceparent.")
                        .required("traceId")
                        .build())
                .build();
    }

    @Override
    public Answer answer(ToolArguments arguments) {
        String given = arguments.text("traceId");
        if (given == null) {
            throw new BadParameterException("traceId", "is required");
        }
        String id = TraceIds.normalise(given).orElseThrow(() -> new ToolException(TraceIds.NOT_A_TRACE_ID));
        TraceDiagnosis found =
                traces.find(id).map(TraceDiagnosis::of).orElseThrow(() -> new ToolException(TraceIds.notFound(id)));
        return new Answer(conclusion(found), found);
    }

    static String conclusion(TraceDiagnosis trace) {
        StringBuilder text = new StringBuilder(String.format(
                "Trace %s: %s took %s over %s in %s, %s.",
                trace.traceId(),
                trace.request(),
                Formats.duration(trace.durationMs()),
                Formats.count(trace.spanCount(), "span"),
                Formats.count(trace.services().size(), "service"),
                Formats.count(trace.errorCount(), "failed span")));
        if (trace.diagnosis() != null) {
            text.append(" Diagnosis: ").append(trace.diagnosis().summary()).append('.');
        }
        criticalPath(text, trace.criticalPath());
        if (!trace.repeatedCalls().isEmpty()) {
            int more = trace.repeatedCalls().size() - 1;
            text.append(" Repeated calls: ")
                    .append(trace.repeatedCalls().getFirst().summary())
                    .append(more > 0 ? " (and " + Formats.count(more, "more group") + ")" : "")
                    .append('.');
        }
        FirstError error = trace.firstError();
        if (error != null) {
            text.append(" First error: ")
                    .append(error.type().isEmpty() ? "" : error.type() + ": ")
                    .append(error.message())
                    .append(" in ")
                    .append(error.name())
                    .append(" of ")
                    .append(error.service())
                    .append(", ")
                    .append(Formats.duration(error.atOffsetMs()))
                    .append(" into the trace.");
        }
        return text.toString();
    }

    private static void criticalPath(StringBuilder text, List<TraceView.PathStep> path) {
        List<TraceView.PathStep> largest = path.stream()
                .sorted(Comparator.comparingDouble(TraceView.PathStep::contributedMs)
                        .reversed())
                .limit(PATH_STEPS)
                .toList();
        if (!largest.isEmpty()) {
            text.append(" Largest on the critical path: ")
                    .append(largest.stream()
                            .map(step ->
                                    step.name() + " (" + step.service() + ") " + Formats.duration(step.contributedMs()))
                            .collect(Collectors.joining(", ")))
                    .append('.');
        }
    }
}
