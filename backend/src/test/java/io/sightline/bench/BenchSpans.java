package io.sightline.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Benchmark request bodies: OTLP batches of whole, plausible traces — an entry span with HTTP
 * attributes, database, cache and outgoing HTTP calls below it, ~10 attributes a span, an exception
 * event on a few — spread over a fixed set of services and endpoints, with random IDs. Every
 * resource carries {@code bench.run=<run>} so a run's spans can be counted in ClickHouse.
 *
 * <p>Not thread-safe: one instance per sending thread.
 */
public final class BenchSpans {

    static final String RUN_ATTRIBUTE = "bench.run";

    private static final String[] SERVICES = {
        "frontend",
        "checkout-service",
        "cart-service",
        "catalog-service",
        "pricing-service",
        "payment-service",
        "user-service",
        "search-service"
    };
    private static final String[] ROUTES = {
        "/api/orders",
        "/api/orders/{id}",
        "/api/cart",
        "/api/products",
        "/api/products/{id}",
        "/api/prices/{sku}",
        "/api/users/{id}",
        "/api/search",
        "/health",
        "/api/checkout"
    };
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] TABLES = {"orders", "order_items", "carts", "products", "prices", "users", "sessions"
    };

    private final String run;
    private final SplittableRandom random;
    private final List<Resource> resources = new ArrayList<>();
    private final InstrumentationScope scope = InstrumentationScope.newBuilder()
            .setName("io.opentelemetry.spring-webmvc-6.0")
            .setVersion("2.9.0-alpha")
            .build();

    /** A batch and the IDs of the traces in it; every trace lies wholly within one batch. */
    public record Batch(ExportTraceServiceRequest request, int spans, List<String> traceIds) {
        public byte[] bytes() {
            return request.toByteArray();
        }
    }

    public BenchSpans(String run, long seed) {
        this.run = run;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < SERVICES.length; i++) {
            resources.add(Resource.newBuilder()
                    .addAttributes(string("service.name", SERVICES[i]))
                    .addAttributes(string("service.version", "1." + i + ".0"))
                    .addAttributes(string("service.instance.id", SERVICES[i] + "-7d9f8b-" + i))
                    .addAttributes(string("deployment.environment.name", "production"))
                    .addAttributes(string("host.name", "node-" + (i % 3)))
                    .addAttributes(string("telemetry.sdk.language", "java"))
                    .addAttributes(string("telemetry.sdk.name", "opentelemetry"))
                    .addAttributes(string("telemetry.sdk.version", "1.44.1"))
                    .addAttributes(string(RUN_ATTRIBUTE, run))
                    .build());
        }
    }

    String run() {
        return run;
    }

    /**
     * Exactly {@code spans} spans of whole traces (the last one made smaller to fit),
     * the traces starting within {@code spreadNanos} before {@code endNanos}.
     */
    public Batch batch(int spans, long endNanos, long spreadNanos) {
        List<List<Span>> byService = new ArrayList<>(SERVICES.length);
        for (int i = 0; i < SERVICES.length; i++) {
            byService.add(new ArrayList<>());
        }
        List<String> traceIds = new ArrayList<>();
        int made = 0;
        while (made < spans) {
            long start = endNanos
                    - 2_000_000_000L
                    - (spreadNanos <= 0 ? random.nextLong(1_000_000_000L) : random.nextLong(spreadNanos));
            made += trace(start, Math.min(spans - made, 4 + random.nextInt(27)), byService, traceIds);
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int i = 0; i < SERVICES.length; i++) {
            if (!byService.get(i).isEmpty()) {
                request.addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(resources.get(i))
                        .addScopeSpans(ScopeSpans.newBuilder().setScope(scope).addAllSpans(byService.get(i))));
            }
        }
        return new Batch(request.build(), made, traceIds);
    }

    /** One trace of {@code size} spans: an entry span and its calls, two levels deep. */
    private int trace(long startNanos, int size, List<List<Span>> byService, List<String> traceIds) {
        byte[] traceBytes = randomBytes(16);
        ByteString traceId = UnsafeByteOperations.unsafeWrap(traceBytes);
        traceIds.add(HexFormat.of().formatHex(traceBytes));
        int service = random.nextInt(SERVICES.length);
        String route = ROUTES[random.nextInt(ROUTES.length)];
        String method = METHODS[random.nextInt(METHODS.length)];
        boolean failed = random.nextInt(50) == 0;
        long duration = 5_000_000L + (long) (random.nextDouble() * random.nextDouble() * 800_000_000L);
        ByteString rootId = spanId();
        Span.Builder root = span(
                        traceId,
                        rootId,
                        ByteString.EMPTY,
                        method + " " + route,
                        Span.SpanKind.SPAN_KIND_SERVER,
                        startNanos,
                        duration)
                .addAttributes(string("http.request.method", method))
                .addAttributes(string("http.route", route))
                .addAttributes(string(
                        "url.path",
                        route.replace("{id}", Integer.toString(random.nextInt(100_000)))
                                .replace("{sku}", "SKU-" + random.nextInt(10_000))))
                .addAttributes(string("url.scheme", "https"))
                .addAttributes(integer("http.response.status_code", failed ? 500 : 200))
                .addAttributes(string("server.address", SERVICES[service] + ".internal"))
                .addAttributes(integer("server.port", 8080))
                .addAttributes(string("client.address", "10.0." + random.nextInt(256) + "." + random.nextInt(256)))
                .addAttributes(string("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"))
                .addAttributes(string("user.id", "user-" + random.nextInt(50_000)))
                .addAttributes(string("network.protocol.version", "1.1"));
        if (failed) {
            root.setStatus(Status.newBuilder()
                            .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                            .setMessage("Internal Server Error"))
                    .addEvents(exception(startNanos + duration - 1_000_000));
        }
        byService.get(service).add(root.build());
        long step = duration / size;
        for (int i = 1; i < size; i++) {
            long childStart = startNanos + i * step / 2 + random.nextLong(Math.max(1, step / 2));
            long childDuration = Math.max(100_000L, random.nextLong(Math.max(2, step)));
            byService
                    .get(service)
                    .add(child(traceId, rootId, i, childStart, childDuration, service)
                            .build());
        }
        return size;
    }

    private Span.Builder child(
            ByteString traceId, ByteString parent, int index, long start, long duration, int service) {
        int shape = index % 4;
        ByteString id = spanId();
        return switch (shape) {
            case 0 -> {
                String table = TABLES[random.nextInt(TABLES.length)];
                yield span(traceId, id, parent, "SELECT " + table, Span.SpanKind.SPAN_KIND_CLIENT, start, duration)
                        .addAttributes(string("db.system.name", "postgresql"))
                        .addAttributes(string("db.namespace", "shop"))
                        .addAttributes(string("db.operation.name", "SELECT"))
                        .addAttributes(string("db.collection.name", table))
                        .addAttributes(
                                string("db.query.text", "SELECT * FROM " + table + " WHERE id = $1 AND tenant_id = $2"))
                        .addAttributes(string("server.address", "pg-primary.internal"))
                        .addAttributes(integer("server.port", 5432))
                        .addAttributes(integer("db.response.returned_rows", random.nextInt(20)))
                        .addAttributes(string("network.peer.address", "10.1.0.12"))
                        .addAttributes(string("thread.name", "http-nio-8080-exec-" + random.nextInt(200)));
            }
            case 1 ->
                span(traceId, id, parent, "GET", Span.SpanKind.SPAN_KIND_CLIENT, start, duration)
                        .addAttributes(string("db.system.name", "redis"))
                        .addAttributes(string("db.operation.name", "GET"))
                        .addAttributes(string("db.query.text", "GET price:SKU-" + random.nextInt(10_000)))
                        .addAttributes(bool("cache.hit", random.nextInt(4) == 0))
                        .addAttributes(string("server.address", "redis.internal"))
                        .addAttributes(integer("server.port", 6379))
                        .addAttributes(string("network.peer.address", "10.1.0.20"))
                        .addAttributes(string("db.namespace", "0"))
                        .addAttributes(string("thread.name", "lettuce-nioEventLoop-4-" + random.nextInt(8)));
            case 2 -> {
                String target = SERVICES[(service + 1 + random.nextInt(SERVICES.length - 1)) % SERVICES.length];
                yield span(traceId, id, parent, "GET", Span.SpanKind.SPAN_KIND_CLIENT, start, duration)
                        .addAttributes(string("http.request.method", "GET"))
                        .addAttributes(string(
                                "url.full", "http://" + target + ".internal:8080/api/items/" + random.nextInt(100_000)))
                        .addAttributes(string("server.address", target + ".internal"))
                        .addAttributes(integer("server.port", 8080))
                        .addAttributes(integer("http.response.status_code", 200))
                        .addAttributes(string("network.protocol.version", "1.1"))
                        .addAttributes(string("network.peer.address", "10.2.0." + random.nextInt(256)))
                        .addAttributes(string("thread.name", "http-nio-8080-exec-" + random.nextInt(200)));
            }
            default ->
                span(traceId, id, parent, "OrderService.process", Span.SpanKind.SPAN_KIND_INTERNAL, start, duration)
                        .addAttributes(string("code.function.name", "com.example.OrderService.process"))
                        .addAttributes(string("code.file.path", "OrderService.java"))
                        .addAttributes(integer("code.line.number", 40 + random.nextInt(200)))
                        .addAttributes(integer("order.items", 1 + random.nextInt(9)))
                        .addAttributes(string("order.currency", "EUR"))
                        .addAttributes(string("thread.name", "http-nio-8080-exec-" + random.nextInt(200)))
                        .addEvents(Span.Event.newBuilder()
                                .setName("order.validated")
                                .setTimeUnixNano(start + duration / 2)
                                .addAttributes(integer("order.lines", 1 + random.nextInt(9))));
        };
    }

    private Span.Builder span(
            ByteString traceId,
            ByteString spanId,
            ByteString parent,
            String name,
            Span.SpanKind kind,
            long start,
            long duration) {
        return Span.newBuilder()
                .setTraceId(traceId)
                .setSpanId(spanId)
                .setParentSpanId(parent)
                .setName(name)
                .setKind(kind)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(start + duration);
    }

    private Span.Event exception(long at) {
        return Span.Event.newBuilder()
                .setName("exception")
                .setTimeUnixNano(at)
                .addAttributes(string("exception.type", "java.lang.IllegalStateException"))
                .addAttributes(string("exception.message", "inventory reservation failed"))
                .addAttributes(string("exception.stacktrace", """
                        java.lang.IllegalStateException: inventory reservation failed
                        \tat com.example.InventoryClient.reserve(InventoryClient.java:88)
                        \tat com.example.OrderService.process(OrderService.java:131)
                        \tat com.example.OrderController.create(OrderController.java:52)"""))
                .build();
    }

    private ByteString spanId() {
        return UnsafeByteOperations.unsafeWrap(randomBytes(8));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < n; j++) {
                bytes[i + j] = (byte) (value >>> (8 * j));
            }
        }
        bytes[0] |= 1; // never the all-zero ID, which OTLP treats as invalid
        return bytes;
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setIntValue(value))
                .build();
    }

    private static KeyValue bool(String key, boolean value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setBoolValue(value))
                .build();
    }
}
