package io.sightline.traces;

import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/traces/{traceId}}: the whole trace with critical path and diagnosis. */
@RestController
class TraceApi {

    private final TraceService traces;

    TraceApi(TraceService traces) {
        this.traces = traces;
    }

    @GetMapping("/api/v1/traces/{traceId}")
    ResponseEntity<?> trace(@PathVariable String traceId) {
        return lookup(traceId, false);
    }

    /** The same JSON as a file, for attaching to a ticket. */
    @GetMapping("/api/v1/traces/{traceId}/download")
    ResponseEntity<?> download(@PathVariable String traceId) {
        return lookup(traceId, true);
    }

    private ResponseEntity<?> lookup(String rawId, boolean attachment) {
        var id = TraceIds.normalise(rawId);
        if (id.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error",
                    "not a trace ID: expected 32 hex digits (dashes and case are ignored) or a W3C traceparent"));
        }
        return traces.find(id.get())
                .<ResponseEntity<?>>map(view -> {
                    var ok = ResponseEntity.ok();
                    if (attachment) {
                        ok.header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename("trace-" + view.traceId() + ".json").build().toString());
                    }
                    return ok.body(view);
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Map.of("error", "trace " + id.get() + " not found in your projects")));
    }
}
