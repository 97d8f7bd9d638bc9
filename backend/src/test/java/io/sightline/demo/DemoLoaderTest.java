package io.sightline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loader against a stub OTLP endpoint that records what it receives. */
class DemoLoaderTest {

    private final HttpServer server;
    private final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger refuseFirst = new AtomicInteger();
    private volatile int status = 200;

    DemoLoaderTest() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (refuseFirst.getAndDecrement() > 0) {
                exchange.getResponseHeaders().add("Retry-After", "0");
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            received.add(ExportTraceServiceRequest.parseFrom(body));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsEverySpanInBatchesOfAtMost512WithTheKey() throws Exception {
        StoryTraces.Stories stories = StoryTraces.generate(1, Instant.now());

        long acknowledged = loader().send(stories.resourceSpans());

        assertThat(acknowledged).isEqualTo(stories.spanCount());
        assertThat(received)
                .allSatisfy(request -> assertThat(spans(request)).isLessThanOrEqualTo(DemoLoader.BATCH_SPANS));
        assertThat(received.stream().mapToInt(DemoLoaderTest::spans).sum()).isEqualTo(stories.spanCount());
        assertThat(authorizations).containsOnly("Bearer sl_demo_key");
    }

    @Test
    void retriesWhenTheServerAsksToComeBackLater() throws Exception {
        refuseFirst.set(2);

        long acknowledged = loader().send(
                        StoryTraces.generate(1, Instant.now()).resourceSpans().subList(0, 3));

        assertThat(acknowledged).isPositive();
        assertThat(received).hasSize(1);
    }

    @Test
    void aRefusalIsReportedWithTheStatus() {
        status = 401;

        assertThatThrownBy(() -> loader().send(StoryTraces.generate(1, Instant.now())
                        .resourceSpans()
                        .subList(0, 1)))
                .isInstanceOf(DemoLoader.DemoLoadException.class)
                .hasMessageContaining("401");
    }

    private DemoLoader loader() {
        return new DemoLoader(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "sl_demo_key");
    }

    private static int spans(ExportTraceServiceRequest request) {
        return request.getResourceSpansList().stream()
                .flatMap(r -> r.getScopeSpansList().stream())
                .mapToInt(scope -> scope.getSpansCount())
                .sum();
    }
}
