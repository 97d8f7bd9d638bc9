package io.sightline.traces;

import io.sightline.span.Span;
import io.sightline.web.ApiDocs;
import io.sightline.web.ReadsSpanStorage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/traces/{traceId}}: the whole trace with self times, critical path, diagnosis
 * and first error ({@link TraceView}); {@code .../download}: the raw spans as an OTLP/JSON file.
 * The ID may be in any form {@link TraceIds} accepts. 400 for a malformed ID, 404 when no project
 * of the caller holds the trace — the same answer whether it exists elsewhere or not at all.
 */
@RestController
@Tag(name = "Traces")
@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
@ReadsSpanStorage
class TraceApi {

    private static final String TRACE_ID = "32 hex digits (any case; dashes and spaces are ignored), a 16-digit ID"
            + " from older Jaeger or Zipkin clients (zero-padded), or a W3C traceparent (00-<trace-id>-<span-id>-01).";

    private final TraceService traces;

    TraceApi(TraceService traces) {
        this.traces = traces;
    }

    record Problem(String error) {}

    @Operation(
            operationId = "getTrace",
            summary = "A trace with its critical path and diagnosis",
            description = "Every span in waterfall order (depth-first) with its self time and its share of the critical"
                    + " path; the diagnosis (the span that dominated the request, and whether it was an external call,"
                    + " the database or the service's own code); the first error and its cause; repeated calls (N+1)."
                    + " Offsets are milliseconds from the trace's start.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TraceView.class)))
    @GetMapping("/api/v1/traces/{traceId}")
    ResponseEntity<?> trace(@Parameter(description = TRACE_ID) @PathVariable String traceId) {
        return answer(traceId, traces::find, ResponseEntity::ok);
    }

    /** The trace as an OTLP/JSON export request: {@code POST /v1/traces} takes it back as is. */
    @Operation(
            operationId = "downloadTrace",
            summary = "A trace's spans as an OTLP/JSON file",
            description = "The stored spans as an OTLP/JSON ExportTraceServiceRequest (resourceSpans → scopeSpans →"
                    + " spans), served as the attachment trace-<traceId>.otlp.json. POST it to /v1/traces (with an"
                    + " ingest key) to load the trace into another Sightline or any OTLP receiver.")
    @ApiResponse(
            responseCode = "200",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            type = "object",
                                            description = "OTLP/JSON ExportTraceServiceRequest (opentelemetry-proto)")))
    @GetMapping("/api/v1/traces/{traceId}/download")
    ResponseEntity<?> download(@Parameter(description = TRACE_ID) @PathVariable String traceId) {
        return answer(
                traceId,
                id -> Optional.of(traces.spans(id)).filter(spans -> !spans.isEmpty()),
                (List<Span> spans) -> ResponseEntity.ok()
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename("trace-" + spans.getFirst().traceId() + ".otlp.json")
                                        .build()
                                        .toString())
                        .body(OtlpJson.of(spans)));
    }

    private static <T> ResponseEntity<?> answer(
            String rawId, Function<String, Optional<T>> find, Function<T, ResponseEntity<?>> found) {
        Optional<String> id = TraceIds.normalise(rawId);
        if (id.isEmpty()) {
            return ResponseEntity.badRequest().body(new Problem(TraceIds.NOT_A_TRACE_ID));
        }
        return find.apply(id.get())
                .<ResponseEntity<?>>map(found)
                .orElseGet(() ->
                        ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problem(TraceIds.notFound(id.get()))));
    }
}
