package io.sightline.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.security.ProjectAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What every HTTP ingest transport (OTLP/HTTP, Zipkin) does before its own answer: checks the
 * announced size and the project's quota, admits the request ({@link IngestAdmission}) before its
 * body is read, reads the body (gzip or not) within its reservation, decodes it with the
 * transport's decoder and hands it to the {@link IngestPipeline}. A full instance or a project over
 * quota is refused without reading the body.
 */
@Component
class IngestHttpReceiver {

    private final ProjectAccess projectAccess;
    private final IngestPipeline pipeline;
    private final IngestAdmission admission;
    private final IngestProperties properties;
    private final IngestMetrics metrics;

    IngestHttpReceiver(
            ProjectAccess projectAccess,
            IngestPipeline pipeline,
            IngestAdmission admission,
            IngestProperties properties,
            IngestMetrics metrics) {
        this.projectAccess = projectAccess;
        this.pipeline = pipeline;
        this.admission = admission;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** A transport's body format. */
    @FunctionalInterface
    interface BodyDecoder {
        ExportTraceServiceRequest decode(byte[] body) throws OtlpDecoder.MalformedBodyException;
    }

    /** What came of a request: the pipeline's outcome, or a body that could not be taken. */
    sealed interface Received {

        record Exported(IngestOutcome outcome) implements Received {}

        /** 400, 413 or 415: sending the same body again fails again. */
        record BadBody(HttpStatus status, String message) implements Received {}
    }

    /** Receives one request of {@code transport}, and counts it and its spans ({@link IngestMetrics}). */
    Received receive(HttpServletRequest request, IngestMetrics.Transport transport, BodyDecoder decoder) {
        IngestMetrics.Request metered = metrics.start(transport);
        Received received = receive(request, decoder, metered);
        switch (received) {
            case Received.Exported exported -> metered.answered(exported.outcome());
            case Received.BadBody bad -> metered.badBody(bad.status());
        }
        return received;
    }

    /** Counts a request its transport refused before reading it (an unsupported Content-Type). */
    void refusedType(IngestMetrics.Transport transport) {
        metrics.start(transport).badBody(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    private Received receive(HttpServletRequest request, BodyDecoder decoder, IngestMetrics.Request metered) {
        long project = projectAccess.ingestProject();
        long limit = properties.maxBodyBytes();
        long length = request.getContentLengthLong();
        if (length > limit) {
            return new Received.BadBody(HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit));
        }
        IngestOutcome.Refused overQuota = pipeline.overQuota(project);
        if (overQuota != null) {
            return new Received.Exported(overQuota);
        }
        // The reservation covers what this request holds until it is answered; it is taken before
        // the body is read, so a full instance refuses without reading it.
        try (IngestAdmission.Ticket ticket = admission.admit(length >= 0 ? length : IngestAdmission.FIRST_READ)) {
            if (ticket == null) {
                return new Received.Exported(IngestAdmission.OVERLOADED);
            }
            ExportTraceServiceRequest decoded;
            try {
                decoded = decoder.decode(readBody(request, ticket, limit));
            } catch (BadBodyException e) {
                return new Received.BadBody(e.status, e.getMessage());
            } catch (OtlpDecoder.MalformedBodyException e) {
                return new Received.BadBody(HttpStatus.BAD_REQUEST, e.getMessage());
            } catch (OverBudgetException e) {
                return new Received.Exported(IngestAdmission.OVERLOADED);
            }
            metered.decoded(decoded);
            return new Received.Exported(pipeline.export(decoded, project));
        }
    }

    private static byte[] readBody(HttpServletRequest request, IngestAdmission.Ticket ticket, long limit)
            throws BadBodyException, OverBudgetException {
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        if (encoding != null
                && !gzip
                && !encoding.isBlank()
                && !encoding.strip().equalsIgnoreCase("identity")) {
            throw new BadBodyException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding " + encoding + " is not supported; use gzip or none");
        }
        try (InputStream raw = request.getInputStream();
                InputStream body = gzip ? new GZIPInputStream(raw, 16 * 1024) : raw) {
            return readAdmitted(body, ticket, limit);
        } catch (ZipException | EOFException e) {
            throw new BadBodyException(HttpStatus.BAD_REQUEST, "the body is not valid gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new BadBodyException(HttpStatus.BAD_REQUEST, "the body could not be read: " + e.getMessage());
        }
    }

    /**
     * Reads {@code body} to its end, growing the ticket's reservation before the buffer grows: the
     * decompressed size is what counts. Stops one byte past {@code limit}, which also stops a small
     * gzip body that inflates to gigabytes.
     */
    static byte[] readAdmitted(InputStream body, IngestAdmission.Ticket ticket, long limit)
            throws IOException, BadBodyException, OverBudgetException {
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
                    throw new BadBodyException(HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit));
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
            throw new BadBodyException(HttpStatus.CONTENT_TOO_LARGE, tooLarge(limit));
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }

    private static String tooLarge(long limit) {
        return "the body is larger than " + limit + " bytes (after decompression); send smaller batches";
    }

    /** The body turned out larger than the room left for it. */
    static final class OverBudgetException extends Exception {
        OverBudgetException() {
            super("over the in-flight budget", null, false, false);
        }
    }

    /** The body is too large, in an unsupported encoding or not readable. */
    static final class BadBodyException extends Exception {
        private final HttpStatus status;

        BadBodyException(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }
}
