package io.sightline.ingest;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.security.ProjectAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * exporters honour when they retry; 400 means sending the same body again fails again. A request is
 * admitted ({@link IngestAdmission}) before its body is read, and refused with 429 at once when
 * ingest is full or its project is over quota. This class only translates HTTP: it reads and
 * decodes the body and turns the {@link IngestPipeline}'s outcome into an answer.
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
    private final IngestAdmission admission;
    private final IngestProperties properties;

    OtlpHttpApi(
            ProjectAccess projectAccess,
            IngestPipeline pipeline,
            IngestAdmission admission,
            IngestProperties properties) {
        this.projectAccess = projectAccess;
        this.pipeline = pipeline;
        this.admission = admission;
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
        long project = projectAccess.ingestProject();
        long limit = properties.maxBodyBytes();
        long length = request.getContentLengthLong();
        if (length > limit) {
            return failure(
                    HttpStatus.CONTENT_TOO_LARGE,
                    json,
                    INVALID_ARGUMENT,
                    new BodyTooLargeException(limit).getMessage());
        }
        IngestOutcome.Refused overQuota = pipeline.overQuota(project);
        if (overQuota != null) {
            return answer(overQuota, json);
        }
        // The reservation covers what this request holds until it is answered; it is taken before
        // the body is read, so a full instance refuses without reading it.
        try (IngestAdmission.Ticket ticket = admission.admit(length >= 0 ? length : IngestAdmission.FIRST_READ)) {
            if (ticket == null) {
                return answer(IngestAdmission.OVERLOADED, json);
            }
            ExportTraceServiceRequest decoded;
            try {
                byte[] body = readBody(request, ticket);
                decoded = json ? OtlpDecoder.json(body) : OtlpDecoder.protobuf(body);
            } catch (BodyTooLargeException e) {
                return failure(HttpStatus.CONTENT_TOO_LARGE, json, INVALID_ARGUMENT, e.getMessage());
            } catch (UnsupportedEncodingException e) {
                return failure(HttpStatus.UNSUPPORTED_MEDIA_TYPE, json, INVALID_ARGUMENT, e.getMessage());
            } catch (OtlpDecoder.MalformedBodyException e) {
                return failure(HttpStatus.BAD_REQUEST, json, INVALID_ARGUMENT, e.getMessage());
            } catch (OverBudgetException e) {
                return answer(IngestAdmission.OVERLOADED, json);
            }
            return answer(pipeline.export(decoded, project), json);
        }
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

    private byte[] readBody(HttpServletRequest request, IngestAdmission.Ticket ticket)
            throws BodyTooLargeException, UnsupportedEncodingException, OtlpDecoder.MalformedBodyException,
                    OverBudgetException {
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
            return readAdmitted(body, ticket, properties.maxBodyBytes());
        } catch (ZipException | EOFException e) {
            throw new OtlpDecoder.MalformedBodyException("the body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new OtlpDecoder.MalformedBodyException("the body could not be read: " + e.getMessage());
        }
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

    /**
     * Reads {@code body} to its end, growing the ticket's reservation before the buffer grows: the
     * decompressed size is what counts. Stops one byte past {@code limit}, which also stops a small
     * gzip body that inflates to gigabytes.
     */
    static byte[] readAdmitted(InputStream body, IngestAdmission.Ticket ticket, long limit)
            throws IOException, BodyTooLargeException, OverBudgetException {
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, limit + 1);
        byte[] buffer = new byte[(int) Math.min(cap, Math.max(1, ticket.bodyBytes()))];
        int size = 0;
        while (true) {
            int read = body.read(buffer, size, buffer.length - size);
            if (read < 0) {
                break;
            }
            size += read;
            if (size == buffer.length) {
                int next = body.read(); // the usual end: a body exactly as long as announced
                if (next < 0) {
                    break;
                }
                if (size >= cap - 1) {
                    throw new BodyTooLargeException(limit);
                }
                int grown = (int) Math.min(cap, Math.max(IngestAdmission.FIRST_READ, 2L * buffer.length));
                if (!ticket.grow(grown)) {
                    throw new OverBudgetException();
                }
                buffer = Arrays.copyOf(buffer, grown);
                buffer[size++] = (byte) next;
            }
        }
        if (size > limit) {
            throw new BodyTooLargeException(limit);
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    /** The body turned out larger than the room left for it. */
    private static final class OverBudgetException extends Exception {
        OverBudgetException() {
            super("over the in-flight budget", null, false, false);
        }
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
