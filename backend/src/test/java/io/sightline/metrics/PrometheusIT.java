package io.sightline.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.ingest.GrpcClient;
import io.sightline.security.ApiKeys;
import io.sightline.security.Projects;
import io.sightline.security.Role;
import io.sightline.security.Scope;
import io.sightline.security.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code /actuator/prometheus} as Prometheus reads it: ingest over OTLP/HTTP and OTLP/gRPC, refused
 * requests and a read show up as the documented series (docs/metrics.md), with the values sent; only
 * the scrape token or a signed-in admin may read them. Values are compared before and after, so
 * other tests in the same application never disturb them.
 */
@TestPropertySource(
        properties = {"sightline.metrics.scrape-token=" + PrometheusIT.TOKEN, "sightline.metrics.table-refresh=1s"})
class PrometheusIT extends IntegrationTest {

    static final String TOKEN = "scrape-token-0123456789";

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");
    private static final Random RANDOM = new Random();

    @Autowired
    GrpcServerLifecycle grpcServer;

    @Autowired
    Projects projects;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Users users;

    @Test
    void ingestRefusalsReadsAndTablesAreMeasuredAsSent() throws Exception {
        Map<String, Double> before = scrape();

        // OTLP/HTTP: 5 valid spans, 1 invalid (no name), 1 from before retention: 200, partial success.
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        ExportTraceServiceRequest mixed = request(traceId, 5, 1, 1);
        assertThat(post("/v1/traces", BOOTSTRAP_KEY, "application/x-protobuf", mixed.toByteArray())
                        .statusCode())
                .isEqualTo(200);
        // A body that is not protobuf: 400, refused before any span is known.
        assertThat(post("/v1/traces", BOOTSTRAP_KEY, "application/x-protobuf", new byte[] {(byte) 0xff, 1, 2})
                        .statusCode())
                .isEqualTo(400);
        // A project over its quota: its first request goes into debt, the next is refused (429).
        long limited = projects.create("metrics-quota-" + UUID.randomUUID());
        projects.setIngestSpansPerSecond(limited, 1L);
        String limitedKey =
                apiKeys.issue(limited, "quota", EnumSet.of(Scope.INGEST)).secret();
        byte[] twenty =
                request(HexFormat.of().formatHex(randomBytes(16)), 20, 0, 0).toByteArray();
        assertThat(post("/v1/traces", limitedKey, "application/x-protobuf", twenty)
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("/v1/traces", limitedKey, "application/x-protobuf", twenty)
                        .statusCode())
                .isEqualTo(429);
        // OTLP/gRPC: 3 valid spans.
        try (GrpcClient grpc = new GrpcClient("localhost", grpcServer.getPort())) {
            ExportTraceServiceResponse response = grpc.export(
                    BOOTSTRAP_KEY,
                    request(HexFormat.of().formatHex(randomBytes(16)), 3, 0, 0).toByteArray(),
                    false);
            assertThat(response.hasPartialSuccess()).isFalse();
        }
        // A read: the trace by ID.
        assertThat(apiResponse("/api/v1/traces/" + traceId, BOOTSTRAP_KEY).statusCode())
                .isEqualTo(200);

        Map<String, Double> after = scrape();
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((series, value) -> delta.put(series, value - before.getOrDefault(series, 0.0)));

        assertThat(delta)
                .containsEntry(spans("otlp-http", "accepted", "none"), 25.0)
                .containsEntry(spans("otlp-http", "rejected", "invalid"), 1.0)
                .containsEntry(spans("otlp-http", "rejected", "out_of_window"), 1.0)
                .containsEntry(spans("otlp-grpc", "accepted", "none"), 3.0)
                .containsEntry(requests("otlp-http", "accepted", "none"), 2.0)
                .containsEntry(requests("otlp-http", "rejected", "malformed"), 1.0)
                .containsEntry(requests("otlp-http", "rejected", "quota_exceeded"), 1.0)
                .containsEntry(requests("otlp-grpc", "accepted", "none"), 1.0);
        // Histograms: buckets up to +Inf, whose count is every request of the series.
        assertThat(after)
                .containsEntry(
                        "sightline_ingest_requests_seconds_bucket{le=\"+Inf\",outcome=\"rejected\","
                                + "reason=\"malformed\",transport=\"otlp-http\"}",
                        after.get(requests("otlp-http", "rejected", "malformed")));
        assertThat(after.keySet())
                .anyMatch(series -> series.startsWith("sightline_ingest_requests_seconds_bucket{le=\"0.1"))
                .anyMatch(series -> series.startsWith("sightline_ingest_commit_seconds_bucket{le="))
                .anyMatch(series -> series.startsWith("sightline_ingest_batch_spans_bucket{le="))
                .contains(
                        "sightline_ingest_buffer_spans",
                        "sightline_ingest_buffer_bytes",
                        "sightline_ingest_buffer_requests",
                        "sightline_ingest_admission_requests",
                        "sightline_ingest_admission_bytes");
        assertThat(delta.get("sightline_ingest_commit_seconds_count{outcome=\"committed\"}"))
                .isGreaterThanOrEqualTo(1.0);
        // Three requests committed 28 spans, in as many inserts as the group commit made of them.
        assertThat(delta.get("sightline_ingest_batch_spans_sum")).isEqualTo(28.0);
        assertThat(delta.get("sightline_read_queries_seconds_count{feature=\"trace\",outcome=\"ok\"}"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(after)
                .containsKey(
                        "sightline_read_queries_seconds_bucket{feature=\"trace\",le=\"+Inf\"," + "outcome=\"ok\"}");
        // Table sizes: refreshed every second in this test, from system.parts.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Double> tables = scrape();
            assertThat(tables.get("sightline_clickhouse_parts{table=\"spans\"}"))
                    .isGreaterThan(0);
            assertThat(tables.get("sightline_clickhouse_bytes{table=\"spans\"}"))
                    .isGreaterThan(0);
        });
    }

    @Test
    void onlyTheScrapeTokenOrASignedInAdminReadsTheMetrics() throws Exception {
        assertThat(get(HTTP, "/actuator/prometheus", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = get(HTTP, "/actuator/prometheus", "scrape-token-0123456780");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("invalid scrape token");
        // An API key is a project's: it reads no instance-wide metrics, whatever its scopes.
        assertThat(get(HTTP, "/actuator/prometheus", BOOTSTRAP_KEY).statusCode())
                .isEqualTo(401);
        assertThat(get(HTTP, "/actuator/prometheus", TOKEN).statusCode()).isEqualTo(200);

        String member = "metrics-member-" + UUID.randomUUID();
        users.create(member, "member-password-1", Role.MEMBER);
        assertThat(get(signIn(member, "member-password-1"), "/actuator/prometheus", null)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> admin = get(signIn("admin", ADMIN_PASSWORD), "/actuator/prometheus", null);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("# TYPE sightline_ingest_admission_requests gauge");
        // Health stays public.
        assertThat(get(HTTP, "/actuator/health", null).statusCode()).isEqualTo(200);
    }

    private static String spans(String transport, String outcome, String reason) {
        return "sightline_ingest_spans_total{outcome=\"" + outcome + "\",reason=\"" + reason + "\",transport=\""
                + transport + "\"}";
    }

    private static String requests(String transport, String outcome, String reason) {
        return "sightline_ingest_requests_seconds_count{outcome=\"" + outcome + "\",reason=\"" + reason
                + "\",transport=\"" + transport + "\"}";
    }

    /** Every sample of a scrape with the token, keyed by name and labels (sorted, as Micrometer writes them). */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = get(HTTP, "/actuator/prometheus", TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().lines().toList()) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            StringBuilder key = new StringBuilder(sample.group(1));
            if (!labels.isEmpty()) {
                key.append('{');
                labels.forEach((name, value) ->
                        key.append(name).append("=\"").append(value).append("\","));
                key.setCharAt(key.length() - 1, '}');
            }
            samples.put(key.toString(), Double.parseDouble(sample.group(3)));
        }
        return samples;
    }

    private HttpResponse<String> get(HttpClient client, String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String key, String type, byte[] body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code valid} spans of trace {@code traceId}, then {@code nameless} without a name, then {@code old} from 30 days ago. */
    private static ExportTraceServiceRequest request(String traceId, int valid, int nameless, int old) {
        long now = System.currentTimeMillis() * 1_000_000;
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < valid + nameless + old; i++) {
            long start = i < valid + nameless ? now : now - Duration.ofDays(30).toNanos();
            scope.addSpans(Span.newBuilder()
                    .setTraceId(ByteString.fromHex(traceId))
                    .setSpanId(ByteString.copyFrom(randomBytes(8)))
                    .setName(i >= valid && i < valid + nameless ? "" : "GET /metrics-test")
                    .setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(start + 1_000_000));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(KeyValue.newBuilder()
                                        .setKey("service.name")
                                        .setValue(AnyValue.newBuilder().setStringValue("metrics-it"))))
                        .addScopeSpans(scope))
                .build();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }
}
