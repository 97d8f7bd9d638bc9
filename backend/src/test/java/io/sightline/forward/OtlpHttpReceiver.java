package io.sightline.forward;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP receiver for the forwarding tests (the JDK's HTTP server): every request to
 * {@code <path>/v1/traces} is decoded and kept with its headers, then answered as that path's
 * behaviour says.
 */
final class OtlpHttpReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(Map<String, List<String>> headers, ExportTraceServiceRequest request) {}

    /** How a path answers the n-th request (from 1). */
    interface Behaviour {
        /** Writes the answer; {@code attempt} counts this path's requests. */
        void answer(HttpExchange exchange, int attempt) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);

    OtlpHttpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    OtlpHttpReceiver path(String path, Behaviour behaviour) {
        received.put(path, new CopyOnWriteArrayList<>());
        server.createContext(path + "/v1/traces", exchange -> {
            try (exchange) {
                List<Received> requests = received.get(path);
                requests.add(new Received(Map.copyOf(exchange.getRequestHeaders()), decode(exchange)));
                behaviour.answer(exchange, requests.size());
            }
        });
        return this;
    }

    List<Received> received(String path) {
        return received.get(path);
    }

    private static ExportTraceServiceRequest decode(HttpExchange exchange) throws IOException {
        InputStream body = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(body);
        }
        return ExportTraceServiceRequest.parseFrom(body);
    }

    static final Behaviour OK = (exchange, attempt) -> answer(
            exchange, 200, ExportTraceServiceResponse.getDefaultInstance().toByteArray());

    static Behaviour status(int status, String retryAfter) {
        return (exchange, attempt) -> {
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            answer(exchange, status, "refused by the test".getBytes());
        };
    }

    /** Answers {@code first} to the first request, 200 after. */
    static Behaviour firstThenOk(Behaviour first) {
        return (exchange, attempt) -> (attempt == 1 ? first : OK).answer(exchange, attempt);
    }

    /** Never answers until the receiver closes: a destination that hangs. */
    Behaviour hang() {
        return (exchange, attempt) -> {
            try {
                released.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
