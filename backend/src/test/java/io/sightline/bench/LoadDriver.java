package io.sightline.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.sightline.ingest.GrpcClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPOutputStream;

/**
 * Sends {@link BenchSpans} batches to {@code POST /v1/traces} from {@code concurrency} senders, each
 * waiting for its answer before sending again — as that many OTLP exporters would — as fast as
 * answered, or at {@code spansPerSecond} in all when that is set. 429 and 503 are
 * retried after {@code Retry-After}, as exporters do; other failures are counted and the batch dropped;
 * 401/403 stop the run.
 *
 * <p>Runs for {@code duration} after a warm-up whose requests are not measured. Figures count the
 * requests that completed after the warm-up; requests still in flight at the end are waited for.
 */
final class LoadDriver {

    private static final int MAX_ATTEMPTS = 10;

    record Settings(
            URI baseUrl,
            String key,
            int concurrency,
            int batchSpans,
            Duration warmup,
            Duration duration,
            boolean gzip,
            String run,
            int grpcPort,
            int spansPerSecond) {}

    record Report(
            double measuredSeconds,
            long acknowledgedSpans,
            long requests,
            Latencies latencies,
            Map<String, Long> outcomes,
            long totalAcknowledgedSpans,
            long rejectedSpans,
            String fatal) {

        double spansPerSecond() {
            return acknowledgedSpans / measuredSeconds;
        }

        double requestsPerSecond() {
            return requests / measuredSeconds;
        }
    }

    private final Settings settings;
    private final URI endpoint;
    private final HttpClient http;
    /** Over OTLP/gRPC instead of HTTP when {@code grpcPort} is set, on one HTTP/2 connection as a Collector's exporter. */
    private final GrpcClient grpc;

    private final Latencies latencies = new Latencies();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder measuredSpans = new LongAdder();
    private final LongAdder measuredRequests = new LongAdder();
    private final LongAdder totalAcknowledged = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final AtomicLong lastCompletion = new AtomicLong();
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private final Map<String, String> firstErrorBody = new ConcurrentHashMap<>();
    private volatile long measureFrom;
    private volatile long stopAt;

    LoadDriver(Settings settings) {
        this.settings = settings;
        this.endpoint = settings.baseUrl().resolve("/v1/traces");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.grpc = settings.grpcPort() < 0
                ? null
                : new GrpcClient(settings.baseUrl().getHost(), settings.grpcPort());
    }

    Report run() throws InterruptedException {
        long start = System.nanoTime();
        measureFrom = start + settings.warmup().toNanos();
        stopAt = measureFrom + settings.duration().toNanos();
        Thread progress = Thread.ofPlatform().daemon().start(this::printProgress);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < settings.concurrency(); i++) {
                long seed = 31L * i + settings.run().hashCode();
                int sender = i;
                senders.submit(() -> sendUntilDone(new BenchSpans(settings.run(), seed), sender));
            }
        }
        progress.interrupt();
        double seconds = Math.max(1, lastCompletion.get() - measureFrom) / 1e9;
        Map<String, Long> counted = new TreeMap<>();
        outcomes.forEach((outcome, count) -> counted.put(outcome, count.sum()));
        return new Report(
                seconds,
                measuredSpans.sum(),
                measuredRequests.sum(),
                latencies,
                counted,
                totalAcknowledged.sum(),
                rejected.sum(),
                fatal.get());
    }

    Map<String, String> firstErrorBodies() {
        return firstErrorBody;
    }

    private Void sendUntilDone(BenchSpans spans, int sender) throws InterruptedException {
        // At a fixed rate, each sender starts a request every `interval`, staggered across senders;
        // one whose answer comes late sends its next at once (the rate is then not reached).
        long interval = settings.spansPerSecond() <= 0
                ? 0
                : 1_000_000_000L * settings.concurrency() * settings.batchSpans() / settings.spansPerSecond();
        long next = System.nanoTime() + interval * sender / settings.concurrency();
        while (fatal.get() == null && System.nanoTime() < stopAt) {
            if (interval > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next = Math.max(next + interval, System.nanoTime() - interval);
            }
            // Built per request, fresh IDs and timestamps each time; its CPU cost is reported by IngestLoad.
            BenchSpans.Batch batch = spans.batch(settings.batchSpans(), System.currentTimeMillis() * 1_000_000L, 0);
            if (grpc == null) {
                send(batch, body(batch));
            } else {
                sendGrpc(batch);
            }
        }
        return null;
    }

    /** {@link #send} over gRPC: retries RESOURCE_EXHAUSTED and UNAVAILABLE after their RetryInfo, as exporters do. */
    private boolean sendGrpc(BenchSpans.Batch batch) throws InterruptedException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && fatal.get() == null; attempt++) {
            long sent = System.nanoTime();
            try {
                ExportTraceServiceResponse response = grpc.export(settings.key(), batch.bytes(), settings.gzip());
                long done = System.nanoTime();
                count(done, sent, "OK");
                long refused = response.getPartialSuccess().getRejectedSpans();
                acknowledge(done, batch.spans() - refused);
                rejected.add(refused);
                return true;
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                count(System.nanoTime(), sent, code.name());
                firstErrorBody.putIfAbsent(
                        code.name(), String.valueOf(e.getStatus().getDescription()));
                RetryInfo retry = GrpcClient.retryInfo(e);
                if (code == Status.Code.UNAVAILABLE && retry == null && totalAcknowledged.sum() == 0) {
                    fatal.compareAndSet(null, "cannot reach gRPC port " + settings.grpcPort() + ": " + e.getMessage());
                    return false;
                }
                if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
                    fatal.compareAndSet(null, "gRPC answered " + code + ": the key is wrong or lacks the ingest scope");
                    return false;
                }
                if (code != Status.Code.RESOURCE_EXHAUSTED && code != Status.Code.UNAVAILABLE) {
                    return false;
                }
                long wait = retry == null ? 1 : retry.getRetryDelay().getSeconds();
                Thread.sleep(Math.min(5, Math.max(1, wait)) * 1000);
            }
        }
        return false;
    }

    private byte[] body(BenchSpans.Batch batch) {
        byte[] raw = batch.bytes();
        if (!settings.gzip()) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Sends one batch, retrying as an exporter would; true once acknowledged. */
    private boolean send(BenchSpans.Batch batch, byte[] body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + settings.key())
                .header("Content-Type", "application/x-protobuf")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.gzip()) {
            request.header("Content-Encoding", "gzip");
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && fatal.get() == null; attempt++) {
            long sent = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (e instanceof ConnectException && totalAcknowledged.sum() == 0) {
                    fatal.compareAndSet(null, "cannot connect to " + endpoint + " — is Sightline running there?");
                    return false;
                }
                outcome(System.nanoTime(), "io " + e.getClass().getSimpleName());
                Thread.sleep(1000);
                continue;
            }
            long done = System.nanoTime();
            int status = response.statusCode();
            count(done, sent, Integer.toString(status));
            if (status == 200) {
                long refused = rejectedSpans(response.body());
                acknowledge(done, batch.spans() - refused);
                rejected.add(refused);
                return true;
            }
            firstErrorBody.putIfAbsent(Integer.toString(status), new String(response.body(), StandardCharsets.UTF_8));
            if (status == 401 || status == 403) {
                fatal.compareAndSet(
                        null, endpoint + " answered " + status + ": the key is wrong or lacks the ingest scope");
                return false;
            }
            if (status != 429 && status != 503) {
                return false;
            }
            long wait = response.headers()
                    .firstValue("Retry-After")
                    .map(Long::parseLong)
                    .orElse(1L);
            Thread.sleep(Math.min(5, Math.max(1, wait)) * 1000);
        }
        return false;
    }

    private static long rejectedSpans(byte[] body) {
        try {
            return ExportTraceServiceResponse.parseFrom(body)
                    .getPartialSuccess()
                    .getRejectedSpans();
        } catch (InvalidProtocolBufferException e) {
            return 0;
        }
    }

    private void count(long done, long sent, String status) {
        if (done >= measureFrom) {
            latencies.add(done - sent);
        }
        outcome(done, status);
    }

    private void outcome(long done, String outcome) {
        lastCompletion.accumulateAndGet(done, Math::max);
        if (done >= measureFrom) {
            measuredRequests.increment();
            outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        }
    }

    private void acknowledge(long done, long spans) {
        totalAcknowledged.add(spans);
        if (done >= measureFrom) {
            measuredSpans.add(spans);
        }
    }

    private void printProgress() {
        long previous = 0;
        long previousAt = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long total = totalAcknowledged.sum();
            System.err.printf(
                    "  %s %,d spans acknowledged, %,.0f spans/s over the last %.0f s%n",
                    now < measureFrom ? "[warm-up]" : "         ",
                    total,
                    (total - previous) / ((now - previousAt) / 1e9),
                    (now - previousAt) / 1e9);
            previous = total;
            previousAt = now;
        }
    }
}
