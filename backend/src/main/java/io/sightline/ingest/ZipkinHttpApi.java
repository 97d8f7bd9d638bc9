package io.sightline.ingest;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zipkin v2 span ingest, {@code POST /api/v2/spans}, answered as a Zipkin server answers: 202 once
 * the spans are committed, 400 with a plain-text message for a body that can never be stored. A
 * body is a JSON or proto3 list of spans ({@code application/json}, the default when no type is
 * sent, as in Zipkin; or {@code application/x-protobuf}), optionally gzip. Over capacity or quota:
 * 429, and storage unable to take the spans: 503, both with {@code Retry-After}. The spans become
 * an OTLP request ({@link ZipkinSpans}) and take the same path as OTLP's ({@link IngestHttpReceiver}).
 */
@RestController
class ZipkinHttpApi {

    static final String PATH = "/api/v2/spans";

    private final IngestHttpReceiver receiver;

    ZipkinHttpApi(IngestHttpReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping(PATH)
    ResponseEntity<String> spans(HttpServletRequest request) {
        String type = request.getContentType();
        boolean json = type == null || OtlpHttpApi.isJson(type);
        if (!json && !OtlpHttpApi.isProtobuf(type)) {
            receiver.refusedType(IngestMetrics.Transport.ZIPKIN);
            return text(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json or application/x-protobuf, not " + type);
        }
        return switch (receiver.receive(
                request, IngestMetrics.Transport.ZIPKIN, body -> ZipkinSpans.decode(body, json))) {
            case IngestHttpReceiver.Received.Exported exported -> answer(exported.outcome());
            case IngestHttpReceiver.Received.BadBody bad -> text(bad.status(), bad.message());
        };
    }

    /**
     * 202 when the valid spans are committed (Zipkin has no partial success: what was rejected or
     * cut is said in the body); 400 when the data can never be stored; 429 or 503 with {@code
     * Retry-After} otherwise.
     */
    static ResponseEntity<String> answer(IngestOutcome outcome) {
        return switch (outcome) {
            case IngestOutcome.Accepted accepted -> {
                String message = accepted.partialSuccessMessage();
                yield message == null ? ResponseEntity.accepted().build() : text(HttpStatus.ACCEPTED, message);
            }
            case IngestOutcome.Refused refused
            when !refused.refusal().retryable() -> text(HttpStatus.BAD_REQUEST, refused.message());
            case IngestOutcome.Refused refused ->
                ResponseEntity.status(
                                refused.refusal().overloaded()
                                        ? HttpStatus.TOO_MANY_REQUESTS
                                        : HttpStatus.SERVICE_UNAVAILABLE)
                        .header(
                                HttpHeaders.RETRY_AFTER,
                                Long.toString(refused.retryAfter().toSeconds()))
                        .contentType(MediaType.TEXT_PLAIN)
                        .body(refused.message());
        };
    }

    private static ResponseEntity<String> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message);
    }
}
