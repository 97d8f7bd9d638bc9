package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged application ({@code target/sightline.jar}, built before the integration tests) in a
 * child JVM, for tests that stop it, starve its disk or start it again on the same data: chDB keeps
 * one data directory per process, and a signal must reach a whole application. Its metadata is the
 * embedded H2 file in {@code dataDir}; its ClickHouse data goes to {@code clickHouseDir}.
 */
final class AppProcess implements AutoCloseable {

    // "Tomcat started on ports 41234 (http), 39021 (http)": the main port, then the OTLP port.
    private static final Pattern STARTED = Pattern.compile("Tomcat started on ports? (\\d+) \\(http\\), (\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String API_KEY = "sl_fault_injection_key_0123456789";

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final int port;
    private final int otlpPort;
    private final long startMillis;

    private AppProcess(Path dataDir, Path clickHouseDir, List<String> settings)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-jar",
                jar().toString(),
                "--server.port=0",
                "--sightline.ingest.otlp-http-port=0",
                "--sightline.zipkin.port=0",
                "--sightline.data-dir=" + dataDir,
                "--sightline.storage.embedded.path=" + clickHouseDir,
                "--sightline.security.bootstrap-api-key=" + API_KEY,
                "--sightline.security.bootstrap-admin-password=fault-injection-password"));
        settings.forEach(setting -> command.add("--" + setting));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<int[]> started = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> pump(started));
        try {
            int[] ports = started.get(90, TimeUnit.SECONDS);
            port = ports[0];
            otlpPort = ports[1];
            startMillis = (System.nanoTime() - start) / 1_000_000;
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the application did not start:\n" + log(), e);
        }
    }

    /** Starts the application; {@code settings} are more {@code name=value} properties. */
    static AppProcess start(Path dataDir, Path clickHouseDir, String... settings)
            throws IOException, InterruptedException {
        return new AppProcess(dataDir, clickHouseDir, List.of(settings));
    }

    /** The main port: pages, APIs and ingest. */
    int port() {
        return port;
    }

    /** OTLP/HTTP's own port (4318 in production), serving only ingest. */
    int otlpPort() {
        return otlpPort;
    }

    /** How long the application took to take requests. */
    long startMillis() {
        return startMillis;
    }

    /** Sends SIGTERM, as an orchestrator stopping the application does, and waits for the exit. */
    int terminate(int timeoutSeconds) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
                .as("the application exits within " + timeoutSeconds + " s of SIGTERM:\n" + log())
                .isTrue();
        return process.exitValue();
    }

    /** How many spans of {@code traceId} are stored, read through the trace download API. */
    int storedSpans(String traceId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/traces/" + traceId + "/download"))
                        .header("Authorization", "Bearer " + API_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return 0;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        int spans = 0;
        for (JsonNode resource : JSON.readTree(response.body()).path("resourceSpans")) {
            for (JsonNode scope : resource.path("scopeSpans")) {
                spans += scope.path("spans").size();
            }
        }
        return spans;
    }

    /** The application's output so far. */
    String log() {
        synchronized (output) {
            return String.join("\n", output.subList(Math.max(0, output.size() - 200), output.size()));
        }
    }

    private void pump(CompletableFuture<int[]> started) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher matcher = STARTED.matcher(line);
                if (matcher.find()) {
                    started.complete(
                            new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))});
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        started.completeExceptionally(new IllegalStateException("the application exited"));
    }

    private static Path jar() {
        Path jar = Path.of("target", "sightline.jar");
        assertThat(Files.isRegularFile(jar))
                .as("the packaged application at " + jar.toAbsolutePath() + " (mvn package builds it)")
                .isTrue();
        return jar;
    }

    /** Kills the application if a test left it running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
