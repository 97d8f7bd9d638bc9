package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while exporters send: the application stops taking connections, answers every request
 * it took, commits what it acknowledged and exits; started again on the same data, every span of
 * every 200 is there, once. Runs the packaged application in a child JVM.
 */
class ShutdownUnderLoadIT {

    private static final int EXPORTERS = 8;
    private static final int SPANS = 20;

    @TempDir
    Path directory;

    @Test
    void everyRequestTakenIsAnsweredAndEveryAcknowledgedSpanIsStoredAfterSigterm() throws Exception {
        Path data = Files.createDirectories(directory.resolve("data"));
        Path clickHouse = data.resolve("clickhouse");
        Map<String, Exporter.Answer> answers = new ConcurrentHashMap<>();
        List<String> unanswered = new CopyOnWriteArrayList<>();
        AtomicInteger notSent = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        try (AppProcess app = AppProcess.start(data, clickHouse);
                ExecutorService exporters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < EXPORTERS; i++) {
                // Half send to the main port, half to the OTLP port (a connector of its own).
                int port = i % 2 == 0 ? app.port() : app.otlpPort();
                running.add(exporters.submit(() -> {
                    // Until the closed socket refuses the connection: the application is gone.
                    while (true) {
                        String traceId = IngestIT.randomTraceId();
                        Exporter.Answer answer = Exporter.export(
                                app.port(), AppProcess.API_KEY, IngestIT.request(traceId, SPANS), 60_000);
                        switch (answer.fate()) {
                            case ANSWERED -> answers.put(traceId, answer);
                            case NO_ANSWER -> unanswered.add(traceId);
                            case NOT_SENT -> {
                                notSent.incrementAndGet();
                                return null;
                            }
                        }
                    }
                }));
            }
            long acknowledgedBefore = waitForAcknowledged(answers, 100);
            long stopping = System.nanoTime();
            int exit = app.terminate(60);
            long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
            exporters.shutdown();
            assertThat(exporters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (Future<?> exporter : running) {
                exporter.get(); // an exporter's own failure fails the test
            }
            System.out.printf(
                    "ShutdownUnderLoadIT: started in %d ms; SIGTERM after %d acknowledged requests; exit %d after %d ms%n",
                    app.startMillis(), acknowledgedBefore, exit, stopMillis);
        }

        Map<Integer, Long> statuses = answers.values().stream()
                .collect(Collectors.groupingBy(Exporter.Answer::status, Collectors.counting()));
        System.out.printf(
                "ShutdownUnderLoadIT: answers by status %s, %d sent and unanswered, %d exporters refused a connection%n",
                statuses, unanswered.size(), notSent.get());
        assertThat(statuses.keySet()).as("answers while stopping").isSubsetOf(200, 429, 503);
        assertThat(notSent).as("every exporter ended on a refused connection").hasValue(EXPORTERS);

        try (AppProcess restarted = AppProcess.start(data, clickHouse)) {
            for (var entry : answers.entrySet()) {
                int stored = restarted.storedSpans(entry.getKey());
                assertThat(stored)
                        .as(entry.getKey() + " answered " + entry.getValue())
                        .isEqualTo(entry.getValue().ok() ? SPANS : 0);
            }
            for (String traceId : unanswered) {
                // Sent into the listening socket's backlog as it closed: never read, so never stored.
                assertThat(restarted.storedSpans(traceId))
                        .as("unanswered " + traceId)
                        .isZero();
            }
        }
    }

    private static long waitForAcknowledged(Map<String, Exporter.Answer> answers, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answers.values().stream().filter(Exporter.Answer::ok).count() < count) {
            assertThat(System.nanoTime())
                    .as("exporters acknowledged within 30 s")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        return answers.values().stream().filter(Exporter.Answer::ok).count();
    }
}
