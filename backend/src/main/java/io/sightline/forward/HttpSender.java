package io.sightline.forward;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.retry.RetryAfter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * OTLP/HTTP with protobuf, gzip-compressed, through the JDK's client. OTLP's rules: 2xx is taken
 * (its body may hold a {@code partial_success}); 429, 502, 503 and 504 are retried, honouring
 * {@code Retry-After}; every other status is permanent. No answer at all (refused, reset, timed
 * out) is retried.
 */
final class HttpSender implements ExportResult.Sender {

    private final HttpClient client;
    private final URI url;
    private final Map<String, String> headers;
    private final Duration timeout;

    HttpSender(ForwardingProperties.Destination destination) {
        this.url = tracesUrl(destination.endpoint());
        this.headers = destination.headers();
        this.timeout = destination.timeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The base URL plus {@code /v1/traces}, unless its path already ends with that. */
    static URI tracesUrl(URI endpoint) {
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        if (path.endsWith("/v1/traces")) {
            return endpoint;
        }
        String base = endpoint.toString();
        int query = base.indexOf('?');
        String suffix = query < 0 ? "" : base.substring(query);
        base = query < 0 ? base : base.substring(0, query);
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces" + suffix);
    }

    @Override
    public ExportResult send(ExportTraceServiceRequest request) {
        HttpRequest.Builder post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(request)));
        headers.forEach(post::header);
        try {
            HttpResponse<byte[]> response = client.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
            return classify(response.statusCode(), response.headers().firstValue("Retry-After"), response.body());
        } catch (IOException e) {
            return new ExportResult.Retry(null, "no answer from " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExportResult.Retry(null, "interrupted");
        }
    }

    static ExportResult classify(int status, Optional<String> retryAfter, byte[] body) {
        if (status >= 200 && status < 300) {
            try {
                var partial = ExportTraceServiceResponse.parseFrom(body).getPartialSuccess();
                return new ExportResult.Sent(partial.getRejectedSpans(), partial.getErrorMessage());
            } catch (InvalidProtocolBufferException e) {
                return new ExportResult.Sent(0, ""); // taken; an answer we cannot read says nothing more
            }
        }
        String reason = "HTTP " + status + " " + snippet(body);
        return switch (status) {
            case 429, 502, 503, 504 ->
                new ExportResult.Retry(retryAfter.map(RetryAfter::parse).orElse(null), reason);
            default -> new ExportResult.Failed(reason);
        };
    }

    /** The start of an error answer, enough to tell why (a google.rpc.Status in protobuf reads well enough). */
    private static String snippet(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}&&[^\t]]", " ")
                .strip();
        return text.isEmpty() ? "" : "(" + text + ")";
    }

    private static byte[] gzip(ExportTraceServiceRequest request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(request.getSerializedSize() / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            request.writeTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        client.shutdownNow();
    }
}
