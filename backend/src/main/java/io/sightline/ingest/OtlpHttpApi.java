package io.sightline.ingest;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * OTLP/HTTP trace ingest, {@code POST /v1/traces}, as the OTLP specification defines it: binary
 * protobuf or JSON, optionally gzip, answered in the request's encoding. A 200 means every
 * accepted span is committed; spans that cannot be stored are reported as {@code partial_success}.
 * Failures carry a {@code google.rpc.Status}; 429 and 503 carry {@code Retry-After}, which
 * exporters honour when they retry; 400 means sending the same body again fails again. A request is
 * admitted ({@link IngestAdmission}) before its body is read, and refused with 429 at once when
 * ingest is full or its project is over quota. This class only translates OTLP over HTTP: it picks
 * the decoder for {@link IngestHttpReceiver}, which reads the body, and turns the {@link
 * IngestPipeline}'s outcome into OTLP's answer.
 */
@RestController
class OtlpHttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

    /** google.rpc.Code values used in error bodies. */
    private static final int INVALID_ARGUMENT = 3;

    private static final int RESOURCE_EXHAUSTED = 8;
    private static final int UNAVAILABLE = 14;

    private final IngestHttpReceiver receiver;

    OtlpHttpApi(IngestHttpReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping("/v1/traces")
    ResponseEntity<byte[]> export(HttpServletRequest request) {
        boolean json = isJson(request.getContentType());
        if (!json && !isProtobuf(request.getContentType())) {
            receiver.refusedType(IngestMetrics.Transport.OTLP_HTTP);
            return failure(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    true,
                    INVALID_ARGUMENT,
                    "Content-Type must be application/x-protobuf or application/json, not " + request.getContentType());
        }
        return switch (receiver.receive(
                request, IngestMetrics.Transport.OTLP_HTTP, json ? OtlpDecoder::json : OtlpDecoder::protobuf)) {
            case IngestHttpReceiver.Received.Exported exported -> answer(exported.outcome(), json);
            case IngestHttpReceiver.Received.BadBody bad ->
                failure(bad.status(), json, INVALID_ARGUMENT, bad.message());
        };
    }

    /**
     * The HTTP answer to an outcome: 200 with {@code partial_success} when spans were rejected or
     * cut; 400 when the request's data can never be stored; 429 when over capacity or quota and 503
     * when storage cannot take the spans, both with {@code Retry-After}.
     */
    static ResponseEntity<byte[]> answer(IngestOutcome outcome, boolean json) {
        return switch (outcome) {
            case IngestOutcome.Accepted accepted -> success(accepted, json);
            case IngestOutcome.Refused refused
            when !refused.refusal().retryable() ->
                failure(HttpStatus.BAD_REQUEST, json, INVALID_ARGUMENT, refused.message());
            case IngestOutcome.Refused refused -> {
                IngestOutcome.Refusal refusal = refused.refusal();
                ResponseEntity<byte[]> failure = refusal.overloaded()
                        ? failure(HttpStatus.TOO_MANY_REQUESTS, json, RESOURCE_EXHAUSTED, refused.message())
                        : failure(HttpStatus.SERVICE_UNAVAILABLE, json, UNAVAILABLE, refused.message());
                yield ResponseEntity.status(failure.getStatusCode())
                        .headers(failure.getHeaders())
                        .header(
                                HttpHeaders.RETRY_AFTER,
                                Long.toString(refused.retryAfter().toSeconds()))
                        .body(failure.getBody());
            }
        };
    }

    private static ResponseEntity<byte[]> success(IngestOutcome.Accepted accepted, boolean json) {
        ExportTraceServiceResponse response = accepted.response();
        if (!json) {
            return ResponseEntity.ok().contentType(PROTOBUF).body(response.toByteArray());
        }
        try {
            String text = JsonFormat.printer().omittingInsignificantWhitespace().print(response);
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(text.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code google.rpc.Status} with code and message, in the request's encoding. */
    static ResponseEntity<byte[]> failure(HttpStatus status, boolean json, int code, String message) {
        if (json) {
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsBytes(Map.of("code", code, "message", message)));
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
            return ResponseEntity.status(status).contentType(PROTOBUF).body(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    static boolean isProtobuf(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-protobuf") || type.startsWith("application/protobuf");
    }
}
