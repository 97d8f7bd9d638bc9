package io.sightline.jaeger;

import io.sightline.security.ProjectAccess;
import io.sightline.storage.StorageUnavailableException;
import io.sightline.traces.TraceIds;
import io.sightline.traces.TraceService;
import io.sightline.web.StorageErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Jaeger query service's HTTP API ({@code /api/...}), so Grafana's Jaeger data source and
 * Jaeger's own UI and tools read Sightline unchanged. Every answer is Jaeger's envelope:
 * {@code {"data": ..., "total": n, "limit": 0, "offset": 0, "errors": null}}.
 */
@RestController
class JaegerApi {

    private final JaegerQueries queries;
    private final TraceService traces;
    private final ProjectAccess projectAccess;

    JaegerApi(JaegerQueries queries, TraceService traces, ProjectAccess projectAccess) {
        this.queries = queries;
        this.traces = traces;
        this.projectAccess = projectAccess;
    }

    record Envelope(Object data, int total, int limit, int offset, List<Error> errors) {
        static Envelope of(List<?> data) {
            return new Envelope(data, data.size(), 0, 0, null);
        }

        static Envelope error(HttpStatus status, String message) {
            return new Envelope(null, 0, 0, 0, List.of(new Error(status.value(), message)));
        }
    }

    record Error(int code, String msg) {}

    @GetMapping("/api/services")
    Envelope services() {
        return Envelope.of(queries.services(projectAccess.readableProjects()));
    }

    @GetMapping("/api/services/{service}/operations")
    Envelope operationNames(@PathVariable String service) {
        return Envelope.of(queries.operations(projectAccess.readableProjects(), service, null).stream()
                .map(JaegerQueries.Operation::name)
                .distinct()
                .toList());
    }

    /** The newer form Grafana uses: operations with their span kind. */
    @GetMapping("/api/operations")
    Envelope operations(@RequestParam String service, @RequestParam(required = false) String spanKind) {
        return Envelope.of(queries.operations(projectAccess.readableProjects(), service, spanKind));
    }

    @GetMapping("/api/traces/{traceId}")
    ResponseEntity<Envelope> trace(@PathVariable String traceId) {
        String id = TraceIds.normalise(traceId)
                .orElseThrow(() -> new IllegalArgumentException("malformed trace ID: " + traceId));
        var spans = traces.spans(id);
        if (spans.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Envelope.error(HttpStatus.NOT_FOUND, "trace not found"));
        }
        return ResponseEntity.ok(Envelope.of(List.of(JaegerTraces.trace(id, spans))));
    }

    @GetMapping("/api/traces")
    Envelope search(HttpServletRequest request) {
        Map<String, List<String>> query = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, Arrays.asList(values)));
        if (query.containsKey("traceID")) {
            List<String> ids = query.get("traceID").stream()
                    .map(raw -> TraceIds.normalise(raw)
                            .orElseThrow(() -> new IllegalArgumentException("malformed trace ID: " + raw)))
                    .toList();
            return Envelope.of(JaegerTraces.of(ids, traces.spansOf(ids)));
        }
        JaegerSearch search = JaegerSearch.parse(query);
        List<String> ids = queries.findTraceIds(projectAccess.readableProjects(), search);
        return Envelope.of(JaegerTraces.of(ids, traces.spansOf(ids)));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Envelope> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Envelope.error(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    /** A read stopped at a read limit, or storage busy: 503 in Jaeger's envelope, saying which. */
    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<Envelope> unavailable(StorageUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, StorageErrors.RETRY_AFTER_SECONDS)
                .body(Envelope.error(HttpStatus.SERVICE_UNAVAILABLE, StorageErrors.message(e)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Envelope> missingParameter(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest()
                .body(Envelope.error(HttpStatus.BAD_REQUEST, "parameter '" + e.getParameterName() + "' is required"));
    }
}
