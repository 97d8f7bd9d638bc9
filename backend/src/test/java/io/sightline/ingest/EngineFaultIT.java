package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.IntegrationTest;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.StorageUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * The engine fails or crawls under concurrent exporters, and every answer stays the truth: a 200's
 * spans are stored, a refusal's are not, and exporters retrying their refusals end with each span
 * stored exactly once. The real engine, with faults injected into its inserts.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Two requests per insert: a batch holds several requests, and under load some wait in the queue.
        properties = {
            "sightline.ingest.commit-timeout=3s",
            "sightline.ingest.batch-spans=20",
            "sightline.ingest.writers=2"
        })
@Import(EngineFaultIT.Faults.class)
class EngineFaultIT extends IntegrationTest {

    private static final int SPANS = 10;

    @Autowired
    FaultyClickHouse engine;

    @Autowired
    GrpcServerLifecycle grpcServer;

    @AfterEach
    void healTheEngine() {
        engine.slowInsertsBy(Duration.ZERO);
        engine.failNextInsert(null);
    }

    @Test
    void aBatchThatFailsMidWayRefusesEachOfItsRequestsAndStoresNoneOfThem() throws Exception {
        int failedBefore = engine.failedInserts();
        engine.failNextInsert(new StorageUnavailableException("injected: the engine failed mid-batch", 0));

        Map<String, Exporter.Answer> answers = exportConcurrently(16);

        assertThat(engine.failedInserts()).as("the fault hit one insert").isEqualTo(failedBefore + 1);
        assertThat(answers.values())
                .as("the failed batch's requests")
                .anySatisfy(answer -> assertThat(answer.status()).isEqualTo(503));
        assertEveryAnswerIsTheTruth(answers);
        retryRefusalsUntilStored(answers);
        System.out.printf("EngineFaultIT: a failed batch mid-load: answers %s%n", statuses(answers));
    }

    @Test
    void aFailedInsertIsAnsweredUnavailableWithRetryInfoOverGrpcAndTheRetryIsStored() throws Exception {
        String traceId = IngestIT.randomTraceId();
        ExportTraceServiceRequest request = IngestIT.request(traceId, SPANS);
        engine.failNextInsert(new StorageUnavailableException("injected: the engine is unreachable", 0));

        try (GrpcClient client = new GrpcClient(grpcServer.getPort())) {
            StatusRuntimeException refused = client.refusal(BOOTSTRAP_KEY, request.toByteArray());

            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(GrpcClient.retryInfo(refused).getRetryDelay().getSeconds())
                    .isEqualTo(IngestOutcome.Refusal.STORAGE_UNAVAILABLE
                            .retryAfter()
                            .toSeconds());
            assertThat(stored(traceId)).as("nothing of a refused request").isZero();

            client.stub(BOOTSTRAP_KEY).export(request);
        }
        assertThat(stored(traceId)).isEqualTo(SPANS);
    }

    @Test
    void anEngineThatThrowsAnErrorMidBatchRefusesThatBatchAndKeepsTakingSpans() throws Exception {
        // As many batches as there are writer threads: none of them may die of it.
        for (int i = 0; i < 2; i++) {
            engine.failNextInsert(new OutOfMemoryError("injected: native memory exhausted mid-batch"));
            Map<String, Exporter.Answer> answers = exportConcurrently(4);
            assertThat(answers.values())
                    .as("the failed batch's requests")
                    .anySatisfy(answer -> assertThat(answer.status()).isEqualTo(503));
            assertEveryAnswerIsTheTruth(answers);
        }

        Map<String, Exporter.Answer> afterwards = exportConcurrently(4);

        assertThat(afterwards.values())
                .allSatisfy(
                        answer -> assertThat(answer.ok()).as(answer.toString()).isTrue());
        assertEveryAnswerIsTheTruth(afterwards);
    }

    @Test
    void anEngineSlowerThanTheCommitTimeoutRefusesOnlyWhatItNeverTookAndRetriesStoreEachSpanOnce() throws Exception {
        engine.slowInsertsBy(Duration.ofSeconds(6));

        // The two writers take two requests each into 6 s inserts; the other eight wait in the queue
        // past the 3 s commit timeout.
        Map<String, Exporter.Answer> answers = exportConcurrently(12);

        assertThat(answers.values())
                .as("requests never taken into an insert are refused at the commit timeout")
                .anySatisfy(answer -> assertThat(answer.status()).isEqualTo(503));
        assertThat(answers.values())
                .as("requests inside a slow insert wait for it and are told it committed")
                .anySatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
        System.out.printf("EngineFaultIT: inserts 6 s, commit timeout 3 s: answers %s%n", statuses(answers));
        engine.slowInsertsBy(Duration.ZERO);
        await().atMost(Duration.ofSeconds(20)).until(() -> engine.insertsInProgress() == 0);
        assertEveryAnswerIsTheTruth(answers);
        retryRefusalsUntilStored(answers);
    }

    private static Map<Integer, Long> statuses(Map<String, Exporter.Answer> answers) {
        return answers.values().stream()
                .collect(Collectors.groupingBy(Exporter.Answer::status, TreeMap::new, Collectors.counting()));
    }

    /** Sends {@code requests} requests of distinct traces at once; waits for every answer. */
    private Map<String, Exporter.Answer> exportConcurrently(int requests) throws Exception {
        Map<String, Future<Exporter.Answer>> pending = new LinkedHashMap<>();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                String traceId = IngestIT.randomTraceId();
                pending.put(traceId, senders.submit(() -> export(traceId)));
            }
        }
        Map<String, Exporter.Answer> answers = new LinkedHashMap<>();
        for (var entry : pending.entrySet()) {
            answers.put(entry.getKey(), entry.getValue().get());
        }
        return answers;
    }

    private Exporter.Answer export(String traceId) throws IOException {
        ExportTraceServiceRequest request = IngestIT.request(traceId, SPANS);
        return Exporter.export(port, BOOTSTRAP_KEY, request, 30_000);
    }

    /** 200: all the request's spans stored; 503 with Retry-After and a reason: none of them. */
    private void assertEveryAnswerIsTheTruth(Map<String, Exporter.Answer> answers) {
        answers.forEach((traceId, answer) -> {
            assertThat(answer.fate()).as(traceId).isEqualTo(Exporter.Fate.ANSWERED);
            if (answer.ok()) {
                assertThat(stored(traceId)).as("acknowledged " + traceId).isEqualTo(SPANS);
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                assertThat(answer.retryAfter()).as(answer.toString()).isNotBlank();
                assertThat(answer.rpcCode()).as("google.rpc.Code UNAVAILABLE").isEqualTo(14);
                assertThat(answer.message()).startsWith("span storage");
                assertThat(stored(traceId))
                        .as("refused " + traceId + " (" + answer + ") yet stored")
                        .isZero();
            }
        });
    }

    /** Exporters send their refused requests again: every span ends stored exactly once. */
    private void retryRefusalsUntilStored(Map<String, Exporter.Answer> answers) throws IOException {
        List<String> refused = new ArrayList<>();
        answers.forEach((traceId, answer) -> {
            if (!answer.ok()) {
                refused.add(traceId);
            }
        });
        for (String traceId : refused) {
            assertThat(export(traceId).status()).as("retry of " + traceId).isEqualTo(200);
        }
        answers.keySet()
                .forEach(traceId -> assertThat(stored(traceId))
                        .as("spans of " + traceId + " after retries")
                        .isEqualTo(SPANS));
    }

    private int stored(String traceId) {
        return IngestFixtures.rows(engine, traceId).size();
    }

    /** Puts the fault injector between ingest and the real engine. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Faults {

        @Bean
        static BeanPostProcessor faultyEngine() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof ClickHouse engine && !(bean instanceof FaultyClickHouse)
                            ? new FaultyClickHouse(engine)
                            : bean;
                }
            };
        }
    }
}
