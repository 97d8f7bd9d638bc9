package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.storage.ClickHouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * Admission before work, over HTTP: with 4 requests or 8 MiB of memory in flight (512 KiB of body at
 * 16 heap bytes a body byte), further requests are answered 429 with {@code Retry-After} before their
 * bodies are read. Half-sent requests hold their place, as slow or hostile clients would. With a
 * retention of 400 days, one request's spans can fall on more than 100 day partitions: the engine
 * refuses that request alone, with 400, while the requests batched with it are stored.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "sightline.ingest.max-concurrent-requests=4",
            "sightline.ingest.max-in-flight-bytes=8388608",
            "sightline.ingest.memory-per-body-byte=16",
            "sightline.storage.retention-days=400"
        })
class IngestAdmissionIT extends IntegrationTest {

    @Autowired
    IngestAdmission admission;

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    GrpcServerLifecycle grpcServer;

    @Test
    void beyondTheConcurrentRequestCapRequestsAre429AtOnce() throws Exception {
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slow.add(startRequest(10, ""));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 4);

        HttpResponse<String> refused =
                post(IngestIT.request(IngestIT.randomTraceId(), 3).toByteArray(), Map.of());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.body()).contains("more requests or bytes than it can hold");
        for (Socket socket : slow) {
            // The held requests go on once their bodies come (these are not protobuf: 400).
            assertThat(finish(socket, 9)).startsWith("HTTP/1.1 400");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.inFlight() == 0);
    }

    @Test
    void overGrpcBeyondTheCapOrTheRoomLeftIsResourceExhaustedWithRetryInfo() throws Exception {
        byte[] message = IngestIT.request(IngestIT.randomTraceId(), 3).toByteArray();
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            slow.add(startRequest(10, ""));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 4);
        try (GrpcClient client = new GrpcClient(grpcServer.getPort())) {
            StatusRuntimeException full = client.refusal(BOOTSTRAP_KEY, message);

            assertThat(full.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(full.getStatus().getDescription()).contains("more requests or bytes than it can hold");
            assertThat(GrpcClient.retryInfo(full).getRetryDelay().getSeconds()).isEqualTo(1);
            for (Socket socket : slow) {
                assertThat(finish(socket, 9)).startsWith("HTTP/1.1 400");
            }

            Socket holder = startRequest(400_000, ""); // reserves 6.4 MB of the 8 MiB
            await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 1);
            // 200 kB would reserve 3.2 MB: refused once its real size is known, before it is decoded.
            StatusRuntimeException tooLarge = client.refusal(BOOTSTRAP_KEY, new byte[200_000]);

            assertThat(tooLarge.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(GrpcClient.retryInfo(tooLarge)).isNotNull();
            assertThat(finish(holder, 399_999)).startsWith("HTTP/1.1 400");
            await().atMost(Duration.ofSeconds(5)).until(() -> admission.availableBytes() == 8 << 20);
            assertThat(client.stub(BOOTSTRAP_KEY).export(IngestIT.request(IngestIT.randomTraceId(), 3)))
                    .as("room again")
                    .isNotNull();
        }
    }

    @Test
    void aBodyLargerThanTheRoomLeftIs429WithoutBeingRead() throws Exception {
        Socket holder = startRequest(400_000, ""); // reserves 6.4 MB of the 8 MiB
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 1);

        // Its headers only: were the body awaited, this would time out instead of answering.
        try (Socket refused = startRequest(200_000, "Connection: close\r\n")) {
            assertThat(head(refused)).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: 1");
        }
        assertThat(finish(holder, 399_999)).startsWith("HTTP/1.1 400");
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.availableBytes() == 8 << 20);
    }

    @Test
    void aGzipBodyIsCountedAsItInflates() throws Exception {
        Socket holder = startRequest(400_000, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> admission.inFlight() == 1);
        // 2 kB on the wire, 2 MiB once inflated: more than the room left.
        byte[] bomb = IngestIT.gzip(new byte[2 << 20]);

        HttpResponse<String> refused = post(bomb, Map.of("Content-Encoding", "gzip"));

        assertThat(bomb.length).isLessThan(10_000);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(finish(holder, 399_999)).startsWith("HTTP/1.1 400");
    }

    @Test
    void aRequestWhoseSpansTheEngineRefusesIs400AndTheRequestsBatchedWithItAreStored() throws Exception {
        // A sender with a broken clock: spans on 150 different days, each its own day partition, all
        // within the 400 days of retention. ClickHouse refuses an insert writing over 100 partitions.
        String badTrace = IngestIT.randomTraceId();
        var bad = IngestIT.request(badTrace, 1).toBuilder();
        long now = System.currentTimeMillis() * 1_000_000;
        var scope = bad.getResourceSpansBuilder(0).getScopeSpansBuilder(0);
        for (int day = 1; day <= 150; day++) {
            long start = now - Duration.ofDays(day).toNanos();
            scope.addSpans(Span.newBuilder()
                    .setTraceId(ByteString.fromHex(badTrace))
                    .setSpanId(ByteString.fromHex("%08x%08x".formatted(0xd, day)))
                    .setName("on many days")
                    .setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(start + 1_000_000));
        }
        List<String> goodTraces = List.of(IngestIT.randomTraceId(), IngestIT.randomTraceId(), IngestIT.randomTraceId());

        CompletableFuture<HttpResponse<String>> badAnswer =
                postAsync(bad.build().toByteArray());
        List<CompletableFuture<HttpResponse<String>>> goodAnswers = goodTraces.stream()
                .map(trace -> postAsync(IngestIT.request(trace, 5).toByteArray()))
                .toList();

        assertThat(badAnswer.get().statusCode()).isEqualTo(400);
        assertThat(badAnswer.get().headers().firstValue("Retry-After")).isEmpty();
        assertThat(badAnswer.get().body())
                .contains("span storage refused this request's spans")
                .contains("max_partitions_per_insert_block");
        assertThat(IngestFixtures.rows(clickHouse, badTrace)).isEmpty();
        for (int i = 0; i < goodTraces.size(); i++) {
            assertThat(goodAnswers.get(i).get().statusCode()).isEqualTo(200);
            assertThat(IngestFixtures.rows(clickHouse, goodTraces.get(i))).hasSize(5);
        }
    }

    /** Sends a request's headers and the first byte of its body, and leaves it waiting for the rest. */
    private Socket startRequest(int contentLength, String extraHeaders) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/traces HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + BOOTSTRAP_KEY
                        + "\r\nContent-Type: application/x-protobuf\r\nContent-Length: " + contentLength + "\r\n"
                        + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        if (extraHeaders.isEmpty()) {
            out.write(0xff);
        }
        out.flush();
        return socket;
    }

    /** Sends the rest of a started request's body and returns the answer's status line and headers. */
    private static String finish(Socket socket, int remainingBytes) throws IOException {
        try (socket) {
            socket.getOutputStream().write(new byte[remainingBytes]);
            socket.getOutputStream().flush();
            return head(socket);
        }
    }

    /** The answer's status line and headers, read up to the blank line. */
    private static String head(Socket socket) throws IOException {
        StringBuilder head = new StringBuilder();
        InputStream in = socket.getInputStream();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        return head.toString();
    }

    private HttpResponse<String> post(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/traces"))
                .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(byte[] body) {
        return HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/traces"))
                        .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                        .header("Content-Type", "application/x-protobuf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
