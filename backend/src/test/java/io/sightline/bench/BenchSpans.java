package io.sightline.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Random;

/**
 * Realistic export requests for the benchmarks: traces of 16 spans (an entry span, internal work,
 * database and HTTP calls) with about ten attributes each, like an instrumented service's, from a
 * dozen services. One request holds {@code spans} spans of {@code spans / 16} traces.
 */
final class BenchSpans {

    private static final String[] SERVICES = {"checkout", "cart", "catalog", "pricing", "orders", "payments", "auth",
            "search", "inventory", "shipping", "notifications", "recommendations"};
    private static final String[] ROUTES = {"/checkout", "/cart/items", "/products", "/products/{id}", "/prices/{sku}",
            "/orders", "/orders/{id}", "/login", "/search", "/stock/{sku}", "/shipments", "/recommendations"};
    private static final String[] TABLES = {"orders", "carts", "products", "prices", "users", "stock", "shipments"};

    private BenchSpans() {}

    static ExportTraceServiceRequest request(Random random, int spans, long nowNanos, String runTag) {
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        for (int t = 0; t < spans / 16; t++) {
            int service = random.nextInt(SERVICES.length);
            ScopeSpans.Builder scope = ScopeSpans.newBuilder();
            byte[] traceId = new byte[16];
            random.nextBytes(traceId);
            long start = nowNanos - random.nextInt(1_000_000) * 1_000L;
            long total = (long) (Math.exp(random.nextGaussian() * 0.8 + 4) * 1_000_000); // lognormal around 55 ms
            ByteString root = spanId(random);
            scope.addSpans(span(random, traceId, root, ByteString.EMPTY, "POST " + ROUTES[service], Span.SpanKind.SPAN_KIND_SERVER,
                    start, total)
                    .addAttributes(string("http.request.method", "POST"))
                    .addAttributes(string("http.route", ROUTES[service]))
                    .addAttributes(integer("http.response.status_code", random.nextInt(100) < 2 ? 500 : 200))
                    .addAttributes(string("url.path", ROUTES[service].replace("{id}", Integer.toString(random.nextInt(100_000)))
                            .replace("{sku}", "SKU-" + random.nextInt(50_000))))
                    .addAttributes(string("user.id", "user-" + random.nextInt(20_000)))
                    .addAttributes(string("client.address", "10.0." + random.nextInt(256) + "." + random.nextInt(256)))
                    .addAttributes(string("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0"))
                    .addAttributes(string("request.id", Long.toHexString(random.nextLong()))));
            long step = Math.max(1, total / 16);
            for (int s = 1; s < 16; s++) {
                long childStart = start + s * step / 2;
                if (s % 3 == 0) {
                    String table = TABLES[random.nextInt(TABLES.length)];
                    scope.addSpans(span(random, traceId, spanId(random), root, "SELECT " + table, Span.SpanKind.SPAN_KIND_CLIENT,
                            childStart, step / 2)
                            .addAttributes(string("db.system.name", "postgresql"))
                            .addAttributes(string("db.namespace", "shop"))
                            .addAttributes(string("db.query.text", "SELECT * FROM " + table + " WHERE id = $1"))
                            .addAttributes(string("server.address", "pg-1.internal"))
                            .addAttributes(integer("server.port", 5432))
                            .addAttributes(integer("db.response.returned_rows", random.nextInt(20))));
                } else if (s % 5 == 0) {
                    scope.addSpans(span(random, traceId, spanId(random), root, "GET", Span.SpanKind.SPAN_KIND_CLIENT, childStart, step / 3)
                            .addAttributes(string("http.request.method", "GET"))
                            .addAttributes(string("url.full", "https://api.partner.example/v2/items/" + random.nextInt(1_000_000)))
                            .addAttributes(string("server.address", "api.partner.example"))
                            .addAttributes(integer("http.response.status_code", 200)));
                } else {
                    scope.addSpans(span(random, traceId, spanId(random), root, SERVICES[service] + ".step" + s,
                            Span.SpanKind.SPAN_KIND_INTERNAL, childStart, step / 4)
                            .addAttributes(string("code.function.name", "handle" + s))
                            .addAttributes(integer("thread.id", random.nextInt(200))));
                }
            }
            request.addResourceSpans(ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder()
                            .addAttributes(string("service.name", SERVICES[service]))
                            .addAttributes(string("service.version", "1." + random.nextInt(3) + ".0"))
                            .addAttributes(string("deployment.environment.name", "production"))
                            .addAttributes(string("host.name", SERVICES[service] + "-" + random.nextInt(20)))
                            .addAttributes(string("bench.run", runTag)))
                    .addScopeSpans(scope));
        }
        return request.build();
    }

    private static Span.Builder span(Random random, byte[] traceId, ByteString spanId, ByteString parent, String name,
            Span.SpanKind kind, long start, long duration) {
        return Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(spanId).setParentSpanId(parent)
                .setName(name).setKind(kind).setStartTimeUnixNano(start).setEndTimeUnixNano(start + Math.max(1000, duration));
    }

    private static ByteString spanId(Random random) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        id[0] |= 1;
        return ByteString.copyFrom(id);
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
