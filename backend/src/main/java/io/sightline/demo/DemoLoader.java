package io.sightline.demo;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends traces to an OTLP/HTTP endpoint as an exporter would: protobuf batches of about 512 spans,
 * a Bearer key, and retries of 429/503 after the {@code Retry-After} the server asks for.
 */
final class DemoLoader {

    static final int BATCH_SPANS = 512;
    private static final int ATTEMPTS = 6;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String key;

    DemoLoader(URI baseUrl, String key) {
        this.endpoint = baseUrl.resolve("/v1/traces");
        this.key = key;
    }

    /** Sends everything; returns the number of spans the server acknowledged (accepted minus rejected). */
    long send(List<ResourceSpans> resourceSpans) throws InterruptedException {
        long acknowledged = 0;
        for (ExportTraceServiceRequest batch : batches(resourceSpans)) {
            acknowledged += send(batch);
        }
        return acknowledged;
    }

    static List<ExportTraceServiceRequest> batches(List<ResourceSpans> resourceSpans) {
        List<ExportTraceServiceRequest> batches = new ArrayList<>();
        ExportTraceServiceRequest.Builder batch = ExportTraceServiceRequest.newBuilder();
        int spans = 0;
        for (ResourceSpans item : resourceSpans) {
            int size = item.getScopeSpansList().stream()
                    .mapToInt(scope -> scope.getSpansCount())
                    .sum();
            if (spans > 0 && spans + size > BATCH_SPANS) {
                batches.add(batch.build());
                batch = ExportTraceServiceRequest.newBuilder();
                spans = 0;
            }
            batch.addResourceSpans(item);
            spans += size;
        }
        if (spans > 0) {
            batches.add(batch.build());
        }
        return batches;
    }

    private long send(ExportTraceServiceRequest batch) throws InterruptedException {
        int spans = batch.getResourceSpansList().stream()
                .flatMap(resource -> resource.getScopeSpansList().stream())
                .mapToInt(scope -> scope.getSpansCount())
                .sum();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-protobuf")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.toByteArray()))
                .build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new DemoLoadException("cannot reach " + endpoint + ": " + e.getMessage());
                }
                Thread.sleep(1000L * attempt);
                continue;
            }
            int status = response.statusCode();
            if (status == 200) {
                try {
                    return spans
                            - ExportTraceServiceResponse.parseFrom(response.body())
                                    .getPartialSuccess()
                                    .getRejectedSpans();
                } catch (InvalidProtocolBufferException e) {
                    throw new DemoLoadException("the server's answer is not an OTLP response: " + e.getMessage());
                }
            }
            if ((status == 429 || status == 503) && attempt < ATTEMPTS) {
                long seconds = response.headers()
                        .firstValue("Retry-After")
                        .map(Long::parseLong)
                        .orElse(1L);
                Thread.sleep(Math.min(30, seconds) * 1000);
                continue;
            }
            throw new DemoLoadException(
                    endpoint + " answered " + status + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    /** The server refused the demo data or could not be reached. */
    static final class DemoLoadException extends RuntimeException {
        DemoLoadException(String message) {
            super(message);
        }
    }
}
