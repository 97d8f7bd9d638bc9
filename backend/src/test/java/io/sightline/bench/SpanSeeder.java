package io.sightline.bench;

import io.sightline.storage.ClickHouse;
import io.sightline.storage.SchemaMigrator;
import io.sightline.storage.embedded.EmbeddedClickHouse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fills a stopped instance's embedded store with synthetic spans for the read benchmarks (not a
 * test): traces of 16 spans spread over the last day, generated inside ClickHouse with one
 * {@code INSERT … SELECT FROM numbers()} so ten million spans take seconds rather than the ingest
 * path's minutes. Writes 1,000 random trace IDs of the seeded data to {@code <data-dir>/bench-trace-ids.txt}.
 *
 * <pre>java -cp … io.sightline.bench.SpanSeeder libchdb.so data-dir [spans=10000000] [project=1]</pre>
 */
public final class SpanSeeder {

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        long spans = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000;
        long project = args.length > 3 ? Long.parseLong(args[3]) : 1;
        try (EmbeddedClickHouse clickHouse =
                new EmbeddedClickHouse(library, dataDir.resolve("clickhouse"), 2, 2, Map.of(), 600_000)) {
            migrate(clickHouse, "sightline");
            long traces = spans / 16;
            long now = System.currentTimeMillis() * 1_000_000;
            long day = 86_400_000_000_000L;
            long started = System.nanoTime();
            // Insert in slices so no single block holds everything in memory.
            long slice = 1_000_000;
            for (long offset = 0; offset < spans; offset += slice) {
                clickHouse.command(
                        SEED,
                        Map.of(
                                "project",
                                project,
                                "offset",
                                offset,
                                "count",
                                Math.min(slice, spans - offset),
                                "from",
                                now - day,
                                "step",
                                day / Math.max(1, traces),
                                "salt",
                                now));
            }
            System.out.printf("Seeded %,d spans in %.1f s%n", spans, (System.nanoTime() - started) / 1e9);
            // Measure a settled store, not one busy merging the seed's parts in the background.
            long merging = System.nanoTime();
            clickHouse.command("OPTIMIZE TABLE sightline.spans FINAL");
            clickHouse.command("OPTIMIZE TABLE sightline.trace_index FINAL");
            System.out.printf("Merged in %.1f s%n", (System.nanoTime() - merging) / 1e9);
            try (InputStream ids = clickHouse.query(
                    "SELECT trace_id FROM sightline.trace_index ORDER BY rand() LIMIT 1000", Map.of(), "TSVRaw")) {
                Files.writeString(
                        dataDir.resolve("bench-trace-ids.txt"), new String(ids.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    /** Creates the schema in {@code database} as the application does at start-up (one node, 7 days' retention). */
    static void migrate(ClickHouse clickHouse, String database) {
        new SchemaMigrator(
                        clickHouse,
                        "classpath:db/clickhouse",
                        Map.of(
                                "database", database,
                                "on_cluster", "",
                                "merge_tree", "MergeTree",
                                "replicated", "",
                                "ttl_days", "7"))
                .migrate();
    }

    static final String SEED = """
            INSERT INTO sightline.spans (project_id, start_time, trace_id, span_id, parent_span_id, trace_state, service, name,
                endpoint, kind, is_entry, duration_ns, status_code, status_message, http_method, http_status, user_id,
                service_version, environment, scope_name, scope_version, attributes, attribute_types, resource, resource_types,
                events, links)
            SELECT
                {project:UInt32},
                fromUnixTimestamp64Nano(toInt64({from:Int64} + intDiv(n, 16) * {step:Int64} + (n % 16) * 2000000)),
                lower(hex(reinterpretAsFixedString(cityHash64(intDiv(n, 16), {salt:Int64}))))
                    || lower(hex(reinterpretAsFixedString(cityHash64(intDiv(n, 16), {salt:Int64} + 1)))),
                lower(hex(reinterpretAsFixedString(cityHash64(n, {salt:Int64} + 2)))),
                if(n % 16 = 0, '', lower(hex(reinterpretAsFixedString(cityHash64(intDiv(n, 16) * 16, {salt:Int64} + 2))))),
                '',
                service,
                multiIf(n % 16 = 0, concat('POST ', route), n % 3 = 0, concat('SELECT ', db_table), concat(service, '.step', toString(n % 16))),
                multiIf(n % 16 = 0, concat('POST ', route), n % 3 = 0, concat('SELECT ', db_table), concat(service, '.step', toString(n % 16))),
                multiIf(n % 16 = 0, 'SERVER', n % 3 = 0, 'CLIENT', 'INTERNAL'),
                n % 16 = 0,
                toUInt64(exp(randNormal(4, 0.8)) * 1000000 / if(n % 16 = 0, 1, 4)),
                if(n % 16 = 0 AND rand() % 50 = 0, 'ERROR', 'UNSET'),
                '',
                if(n % 16 = 0, 'POST', ''),
                toUInt16(if(n % 16 = 0, if(rand() % 50 = 0, 500, 200), 0)),
                if(n % 16 = 0, concat('user-', toString(rand() % 20000)), ''),
                concat('1.', toString(cityHash64(intDiv(n, 16)) % 3), '.0'),
                'production',
                'io.opentelemetry.bench',
                '1.0',
                multiIf(n % 16 = 0, map('http.request.method', 'POST', 'http.route', route, 'url.path', concat(route, '/', toString(rand() % 100000)),
                                         'user.id', concat('user-', toString(rand() % 20000)), 'request.id', lower(hex(rand64())),
                                         'client.address', concat('10.0.', toString(rand() % 256), '.', toString(rand() % 256))),
                        n % 3 = 0, map('db.system.name', 'postgresql', 'db.namespace', 'shop', 'db.query.text',
                                       concat('SELECT * FROM ', db_table, ' WHERE id = $1'), 'server.address', 'pg-1.internal',
                                       'db.response.returned_rows', toString(rand() % 20)),
                        map('code.function.name', concat('handle', toString(n % 16)), 'thread.id', toString(rand() % 200))),
                map(),
                map('service.name', service, 'host.name', concat(service, '-', toString(rand() % 20)), 'deployment.environment.name', 'production'),
                map(),
                [],
                []
            FROM (
                SELECT number + {offset:UInt64} AS n,
                       arrayElement(['checkout', 'cart', 'catalog', 'pricing', 'orders', 'payments', 'auth', 'search', 'inventory',
                                     'shipping', 'notifications', 'recommendations'], 1 + cityHash64(intDiv(n, 16)) % 12) AS service,
                       arrayElement(['/checkout', '/cart/items', '/products', '/products/{id}', '/prices/{sku}', '/orders',
                                     '/orders/{id}', '/login', '/search', '/stock/{sku}', '/shipments', '/recommendations'],
                                    1 + cityHash64(intDiv(n, 16)) % 12) AS route,
                       arrayElement(['orders', 'carts', 'products', 'prices', 'users', 'stock', 'shipments'], 1 + n % 7) AS db_table
                FROM numbers({count:UInt64})
            )
            """;
}
