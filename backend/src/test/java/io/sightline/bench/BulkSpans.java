package io.sightline.bench;

import io.sightline.storage.embedded.EmbeddedClickHouse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Scale data for read benchmarks beyond what ingest can fill in reasonable time (100 M spans at
 * 40 k spans/s is 40 minutes): synthetic spans written by {@code INSERT … SELECT FROM numbers()}
 * straight into the {@code spans} table of a <em>stopped</em> instance's data directory, through the
 * same embedded engine — the trace-ID index is fed by its materialised view as for any insert.
 *
 * <p>These rows bypass ingest (no decoding, normalisation or redaction) and their attributes are
 * more repetitive than real ones, so use them for query latency at scale, never for ingest
 * throughput or bytes per span. Traces of 16 spans (one entry span, 15 children) over 8 services and
 * 10 routes, start times spread evenly over {@code --spread} (default 1h) before now. Start the
 * instance once before (it creates the schema and the default project, id {@code --project=1}).
 */
public final class BulkSpans {

    private static final int SPANS_PER_TRACE = 16;
    private static final long CHUNK = 10_000_000;

    private BulkSpans() {}

    public static void main(String[] args) throws Exception {
        BenchArgs options = new BenchArgs(args, Set.of("data-dir", "library", "database", "spans", "spread", "project",
                "ids-file", "ids"));
        Path data = Path.of(options.text("data-dir", "target/bench-data")).resolve("clickhouse");
        String database = options.text("database", "sightline");
        long traces = options.number("spans", 100_000_000) / SPANS_PER_TRACE;
        long spread = options.duration("spread", Duration.ofHours(1)).toNanos();
        String run = UUID.randomUUID().toString();
        EmbeddedClickHouse clickHouse = new EmbeddedClickHouse(Path.of(options.text("library", "")), data, 1, 600_000);
        try {
            if (count(clickHouse, "SELECT count() FROM system.tables WHERE database = {database:String} AND name = 'spans'",
                    database) == 0) {
                System.out.println("no " + database + ".spans in " + data + ": start the instance once first (bench.sh server)");
                System.exit(1);
            }
            long end = System.currentTimeMillis() * 1_000_000L;
            System.out.printf(Locale.ROOT, "bulk: %,d spans (%,d traces) into %s, run %s%n", traces * SPANS_PER_TRACE, traces,
                    data.toAbsolutePath(), run);
            long started = System.nanoTime();
            for (long first = 0; first < traces * SPANS_PER_TRACE; first += CHUNK) {
                long rows = Math.min(CHUNK, traces * SPANS_PER_TRACE - first);
                clickHouse.command(insert(database, first, rows), Map.of("project", options.number("project", 1), "run", run,
                        "end", end, "spread", (double) spread, "traces", (double) traces));
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "  %,d spans in %.0f s (%,.0f spans/s)%n", first + rows, seconds,
                        (first + rows) / seconds);
            }
            Path idsFile = Path.of(options.text("ids-file", "target/bench/trace-ids.txt"));
            List<String> ids = sampleIds(run, traces, options.integer("ids", 1000));
            if (idsFile.getParent() != null) {
                Files.createDirectories(idsFile.getParent());
            }
            Files.write(idsFile, ids);
            System.out.println(ids.size() + " trace IDs in " + idsFile.toAbsolutePath() + "; run tag bench.run=" + run);
        } finally {
            clickHouse.close();
        }
    }

    /** IDs spread evenly over the run's traces, the same MD5 the insert computes. */
    static List<String> sampleIds(String run, long traces, int wanted) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < wanted; k++) {
            long trace = traces * k / wanted + (k * 7919L) % Math.max(1, traces / wanted);
            ids.add(HexFormat.of().formatHex(md5.digest((run + "/" + trace).getBytes(StandardCharsets.UTF_8))));
        }
        return ids;
    }

    private static String insert(String database, long first, long rows) {
        // Row n is span (n % 16) of trace n / 16; every value derives from hashes of those numbers.
        return """
                INSERT INTO %1$s.spans (project_id, start_time, trace_id, span_id, parent_span_id, trace_state, service, name,
                    endpoint, kind, is_entry, duration_ns, status_code, status_message, http_method, http_status, user_id,
                    service_version, environment, scope_name, scope_version, attributes, attribute_types, resource,
                    resource_types, events, links)
                WITH
                    ['frontend', 'checkout-service', 'cart-service', 'catalog-service', 'pricing-service', 'payment-service',
                     'user-service', 'search-service'] AS services,
                    ['/api/orders', '/api/orders/{id}', '/api/cart', '/api/products', '/api/products/{id}', '/api/prices/{sku}',
                     '/api/users/{id}', '/api/search', '/health', '/api/checkout'] AS routes,
                    ['orders', 'order_items', 'carts', 'products', 'prices', 'users', 'sessions'] AS tables,
                    intDiv(%2$d + number, 16) AS t,
                    (%2$d + number) %% 16 AS i,
                    cityHash64(t) AS h,
                    cityHash64(t, i) AS hi,
                    (h %% 8) + 1 AS s,
                    routes[(intDiv(h, 8) %% 10) + 1] AS route,
                    ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'][(intDiv(h, 80) %% 6) + 1] AS method,
                    h %% 50 = 0 AS failed,
                    5000000 + intDiv((intDiv(h, 480) %% 1000) * (intDiv(h, 480000) %% 1000) * 800, 1000) * 1000 AS root_ns,
                    {end:Int64} - 2000000000 - toInt64((1 - t / {traces:Float64}) * {spread:Float64}) AS trace_start,
                    multiIf(i = 0, concat(method, ' ', route), i %% 4 = 1, concat('SELECT ', tables[(hi %% 7) + 1]),
                            i %% 4 = 0, 'OrderService.process', 'GET') AS span_name,
                    lower(hex(MD5(concat({run:String}, '/', toString(t))))) AS trace_hex
                SELECT
                    {project:UInt32},
                    fromUnixTimestamp64Nano(trace_start + if(i = 0, 0, toInt64(i * intDiv(root_ns, 32) + hi %% intDiv(root_ns, 32)))),
                    trace_hex,
                    substring(lower(hex(MD5(concat({run:String}, '/', toString(t), '/', toString(i))))), 1, 16),
                    if(i = 0, '', substring(lower(hex(MD5(concat({run:String}, '/', toString(t), '/0')))), 1, 16)),
                    '',
                    services[s],
                    span_name,
                    span_name,
                    multiIf(i = 0, 'SERVER', i %% 4 = 0, 'INTERNAL', 'CLIENT'),
                    i = 0,
                    if(i = 0, root_ns, greatest(100000, hi %% intDiv(root_ns, 16))),
                    if(failed AND i = 0, 'ERROR', 'UNSET'),
                    if(failed AND i = 0, 'Internal Server Error', ''),
                    multiIf(i = 0, method, i %% 4 = 3, 'GET', ''),
                    multiIf(i = 0, if(failed, 500, 200), i %% 4 = 3, 200, 0),
                    if(i = 0, concat('user-', toString(h %% 50000)), ''),
                    concat('1.', toString(s - 1), '.0'),
                    'production',
                    'io.opentelemetry.spring-webmvc-6.0',
                    '2.9.0-alpha',
                    multiIf(
                        i = 0, map('http.request.method', method, 'http.route', route,
                            'url.path', replaceOne(route, '{id}', toString(hi %% 100000)), 'url.scheme', 'https',
                            'http.response.status_code', if(failed, '500', '200'), 'server.address', concat(services[s], '.internal'),
                            'server.port', '8080', 'client.address', concat('10.0.', toString(hi %% 256), '.', toString(h %% 256)),
                            'user_agent.original', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
                            'user.id', concat('user-', toString(h %% 50000)), 'network.protocol.version', '1.1'),
                        i %% 4 = 1, map('db.system.name', 'postgresql', 'db.namespace', 'shop', 'db.operation.name', 'SELECT',
                            'db.collection.name', tables[(hi %% 7) + 1],
                            'db.query.text', concat('SELECT * FROM ', tables[(hi %% 7) + 1], ' WHERE id = $1 AND tenant_id = $2'),
                            'server.address', 'pg-primary.internal', 'server.port', '5432',
                            'db.response.returned_rows', toString(hi %% 20), 'thread.name', concat('http-nio-8080-exec-', toString(hi %% 200))),
                        i %% 4 = 2, map('db.system.name', 'redis', 'db.operation.name', 'GET',
                            'db.query.text', concat('GET price:SKU-', toString(hi %% 10000)), 'cache.hit', if(hi %% 4 = 0, 'true', 'false'),
                            'server.address', 'redis.internal', 'server.port', '6379', 'db.namespace', '0',
                            'thread.name', concat('lettuce-nioEventLoop-4-', toString(hi %% 8))),
                        i %% 4 = 3, map('http.request.method', 'GET',
                            'url.full', concat('http://', services[(hi %% 8) + 1], '.internal:8080/api/items/', toString(hi %% 100000)),
                            'server.address', concat(services[(hi %% 8) + 1], '.internal'), 'server.port', '8080',
                            'http.response.status_code', '200', 'network.protocol.version', '1.1',
                            'thread.name', concat('http-nio-8080-exec-', toString(hi %% 200))),
                        map('code.function.name', 'com.example.OrderService.process', 'code.file.path', 'OrderService.java',
                            'code.line.number', toString(40 + hi %% 200), 'order.items', toString(1 + hi %% 9),
                            'order.currency', 'EUR', 'thread.name', concat('http-nio-8080-exec-', toString(hi %% 200)))),
                    multiIf(i = 0, map('http.response.status_code', 'INT', 'server.port', 'INT'),
                            i %% 4 = 1, map('server.port', 'INT', 'db.response.returned_rows', 'INT'),
                            i %% 4 = 2, map('cache.hit', 'BOOL', 'server.port', 'INT'),
                            i %% 4 = 3, map('server.port', 'INT', 'http.response.status_code', 'INT'),
                            map('code.line.number', 'INT', 'order.items', 'INT')),
                    map('service.name', services[s], 'service.version', concat('1.', toString(s - 1), '.0'),
                        'service.instance.id', concat(services[s], '-7d9f8b-', toString(s)),
                        'deployment.environment.name', 'production', 'host.name', concat('node-', toString(s %% 3)),
                        'telemetry.sdk.language', 'java', 'telemetry.sdk.name', 'opentelemetry', 'telemetry.sdk.version', '1.44.1',
                        'bench.run', {run:String}),
                    map(),
                    [],
                    []
                FROM numbers(%3$d)""".formatted(database, first, rows);
    }

    private static long count(EmbeddedClickHouse clickHouse, String sql, String database) throws Exception {
        try (InputStream result = clickHouse.query(sql, Map.of("database", database), "TSV")) {
            return Long.parseLong(new String(result.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
