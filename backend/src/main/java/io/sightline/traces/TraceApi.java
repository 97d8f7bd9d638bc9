package io.sightline.traces;

import io.sightline.span.Span;
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
class TraceApi {

    private final TraceService traces;

    TraceApi(TraceService traces) {
        this.traces = traces;
    }

    record Problem(String error) {}

    @GetMapping("/api/v1/traces/{traceId}")
    ResponseEntity<?> trace(@PathVariable String traceId) {
        return answer(traceId, traces::find, ResponseEntity::ok);
    }

    /** The trace as an OTLP/JSON export request: {@code POST /v1/traces} takes it back as is. */
    @GetMapping("/api/v1/traces/{traceId}/download")
    ResponseEntity<?> download(@PathVariable String traceId) {
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
            return ResponseEntity.badRequest()
                    .body(
                            new Problem(
                                    "not a trace ID: expected 32 hex digits (case and dashes are ignored), 16 hex digits or a W3C traceparent"));
        }
        return find.apply(id.get())
                .<ResponseEntity<?>>map(found)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(new Problem("trace " + id.get() + " not found in your projects")));
    }
}
