package io.sightline.ingest;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.security.ProjectAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
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
 * exporters honour when they retry. This class only translates HTTP: it reads and decodes the body
 * and turns the {@link IngestPipeline}'s outcome into an answer.
 */
@RestController
class OtlpHttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

    /** google.rpc.Code values used in error bodies. */
    private static final int INVALID_ARGUMENT = 3;

    private static final int RESOURCE_EXHAUSTED = 8;
    private static final int UNAVAILABLE = 14;

    private final ProjectAccess projectAccess;
    private final IngestPipeline pipeline;
    private final IngestProperties properties;

    OtlpHttpApi(ProjectAccess projectAccess, IngestPipeline pipeline, IngestProperties properties) {
        this.projectAccess = projectAccess;
        this.pipeline = pipeline;
        this.properties = properties;
    }

    @PostMapping("/v1/traces")
    ResponseEntity<byte[]> export(HttpServletRequest request) {
        boolean json = isJson(request.getContentType());
        if (!json && !isProtobuf(request.getContentType())) {
            return failure(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    true,
                    INVALID_ARGUMENT,
                    "Content-Type must be application/x-protobuf or application/json, not " + request.getContentType());
        }
        ExportTraceServiceRequest decoded;
        try {
            byte[] body = readBody(request);
            decoded = json ? OtlpDecoder.json(body) : OtlpDecoder.protobuf(body);
        } catch (BodyTooLargeException e) {
            return failure(HttpStatus.CONTENT_TOO_LARGE, json, INVALID_ARGUMENT, e.getMessage());
        } catch (UnsupportedEncodingException e) {
            return failure(HttpStatus.UNSUPPORTED_MEDIA_TYPE, json, INVALID_ARGUMENT, e.getMessage());
        } catch (OtlpDecoder.MalformedBodyException e) {
            return failure(HttpStatus.BAD_REQUEST, json, INVALID_ARGUMENT, e.getMessage());
        }
        return answer(pipeline.export(decoded, projectAccess.ingestProject()), json);
    }

    /**
     * The HTTP answer to an outcome: 200 with {@code partial_success} when spans were rejected; 429
     * when over capacity and 503 when storage cannot take the spans, both with {@code Retry-After}.
     */
    static ResponseEntity<byte[]> answer(IngestOutcome outcome, boolean json) {
        return switch (outcome) {
            case IngestOutcome.Accepted accepted -> success(accepted, json);
            case IngestOutcome.Refused refused -> {
                IngestOutcome.Refusal refusal = refused.refusal();
                ResponseEntity<byte[]> failure = refusal.overloaded()
                        ? failure(HttpStatus.TOO_MANY_REQUESTS, json, RESOURCE_EXHAUSTED, refused.message())
                        : failure(HttpStatus.SERVICE_UNAVAILABLE, json, UNAVAILABLE, refused.message());
                yield ResponseEntity.status(failure.getStatusCode())
                        .headers(failure.getHeaders())
                        .header(
                                HttpHeaders.RETRY_AFTER,
                                Long.toString(refusal.retryAfter().toSeconds()))
                        .body(failure.getBody());
            }
        };
    }

    private byte[] readBody(HttpServletRequest request)
            throws BodyTooLargeException, UnsupportedEncodingException, OtlpDecoder.MalformedBodyException {
        long limit = properties.maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            throw new BodyTooLargeException(limit);
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        if (encoding != null
                && !gzip
                && !encoding.isBlank()
                && !encoding.strip().equalsIgnoreCase("identity")) {
            throw new UnsupportedEncodingException(
                    "Content-Encoding " + encoding + " is not supported; use gzip or none");
        }
        try (InputStream raw = request.getInputStream();
                InputStream body = gzip ? new GZIPInputStream(raw, 16 * 1024) : raw) {
            // Read one byte past the limit to tell "exactly at the limit" from "over it"; this also
            // stops a small gzip body that inflates to gigabytes.
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new BodyTooLargeException(limit);
            }
            return bytes;
        } catch (ZipException | EOFException e) {
            throw new OtlpDecoder.MalformedBodyException("the body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new OtlpDecoder.MalformedBodyException("the body could not be read: " + e.getMessage());
        }
    }

    private static ResponseEntity<byte[]> success(IngestOutcome.Accepted accepted, boolean json) {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (accepted.rejectedSpans() > 0) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(accepted.rejectedSpans())
                    .setErrorMessage(accepted.partialSuccessMessage()));
        }
        if (!json) {
            return ResponseEntity.ok()
                    .contentType(PROTOBUF)
                    .body(response.build().toByteArray());
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

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static boolean isProtobuf(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-protobuf") || type.startsWith("application/protobuf");
    }

    private static final class BodyTooLargeException extends Exception {
        BodyTooLargeException(long limit) {
            super("the body is larger than " + limit + " bytes (after decompression); send smaller batches");
        }
    }

    private static final class UnsupportedEncodingException extends Exception {
        UnsupportedEncodingException(String message) {
            super(message);
        }
    }
}
