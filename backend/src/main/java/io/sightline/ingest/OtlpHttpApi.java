package io.sightline.ingest;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.deploys.DeployService;
import io.sightline.security.ProjectAccess;
import io.sightline.span.Span;
import io.sightline.storage.RowBinary;
import io.sightline.storage.StorageUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * exporters honour when they retry.
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
    private final BatchWriter writer;
    private final Redactor redactor;
    private final IngestProperties properties;
    private final DeployService deploys;

    OtlpHttpApi(ProjectAccess projectAccess, BatchWriter writer, Redactor redactor, IngestProperties properties,
            DeployService deploys) {
        this.deploys = deploys;
        this.projectAccess = projectAccess;
        this.writer = writer;
        this.redactor = redactor;
        this.properties = properties;
    }

    @PostMapping("/v1/traces")
    ResponseEntity<byte[]> export(HttpServletRequest request) {
        boolean json = isJson(request.getContentType());
        if (!json && !isProtobuf(request.getContentType())) {
            return failure(HttpStatus.UNSUPPORTED_MEDIA_TYPE, true, INVALID_ARGUMENT,
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
        SpanNormaliser.Result result = SpanNormaliser.normalise(decoded, projectAccess.ingestProject(), redactor);
        if (!result.spans().isEmpty()) {
            ResponseEntity<byte[]> refused = commit(result, json, decoded.getSerializedSize());
            if (refused != null) {
                return refused;
            }
            reportVersions(result.spans());
        }
        return success(result, json);
    }

    /** Hands the spans to the batch writer and waits for the commit; returns an error answer or null. */
    private ResponseEntity<byte[]> commit(SpanNormaliser.Result result, boolean json, int protobufBytes) {
        RowBinary rows = SpanRows.encode(result.spans(), protobufBytes);
        try {
            writer.submit(rows, result.spans().size()).get(properties.commitTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (BatchWriter.BufferFullException e) {
            return retryLater(HttpStatus.TOO_MANY_REQUESTS, json, RESOURCE_EXHAUSTED,
                    "Sightline is taking in more spans than it can store right now; retry later", 1);
        } catch (ExecutionException e) {
            String reason = e.getCause() instanceof StorageUnavailableException
                    ? "span storage is unavailable: " : "span storage failed: ";
            return retryLater(HttpStatus.SERVICE_UNAVAILABLE, json, UNAVAILABLE, reason + e.getCause().getMessage(), 5);
        } catch (TimeoutException e) {
            return retryLater(HttpStatus.SERVICE_UNAVAILABLE, json, UNAVAILABLE,
                    "span storage did not commit within " + properties.commitTimeout().toSeconds() + " s", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retryLater(HttpStatus.SERVICE_UNAVAILABLE, json, UNAVAILABLE, "Sightline is shutting down", 5);
        }
    }

    /** Tells deploys which service versions this request's spans came from (new ones become markers). */
    private void reportVersions(java.util.List<Span> spans) {
        java.util.Map<java.util.List<String>, Long> firstSeen = new java.util.HashMap<>();
        for (Span span : spans) {
            firstSeen.merge(java.util.List.of(span.service(), span.serviceVersion(), span.environment()), span.startNanos(), Math::min);
        }
        firstSeen.forEach((key, start) -> deploys.seen(spans.getFirst().projectId(), key.get(0), key.get(1), key.get(2),
                java.time.Instant.ofEpochSecond(0, start)));
    }

    private byte[] readBody(HttpServletRequest request) throws BodyTooLargeException, UnsupportedEncodingException,
            OtlpDecoder.MalformedBodyException {
        long limit = properties.maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            throw new BodyTooLargeException(limit);
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            throw new UnsupportedEncodingException("Content-Encoding " + encoding + " is not supported; use gzip or none");
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
        } catch (ZipException | java.io.EOFException e) {
            throw new OtlpDecoder.MalformedBodyException("the body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new OtlpDecoder.MalformedBodyException("the body could not be read: " + e.getMessage());
        }
    }

    private static ResponseEntity<byte[]> success(SpanNormaliser.Result result, boolean json) {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (result.rejected() > 0) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(result.rejected())
                    .setErrorMessage(result.rejected() + " span(s) rejected; first: " + result.rejection()));
        }
        if (!json) {
            return ResponseEntity.ok().contentType(PROTOBUF).body(response.build().toByteArray());
        }
        try {
            String text = JsonFormat.printer().omittingInsignificantWhitespace().print(response);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(text.getBytes(StandardCharsets.UTF_8));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseEntity<byte[]> retryLater(HttpStatus status, boolean json, int code, String message, int seconds) {
        ResponseEntity<byte[]> failure = failure(status, json, code, message);
        return ResponseEntity.status(status).headers(failure.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds)).body(failure.getBody());
    }

    /** A {@code google.rpc.Status} with code and message, in the request's encoding. */
    static ResponseEntity<byte[]> failure(HttpStatus status, boolean json, int code, String message) {
        if (json) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
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
