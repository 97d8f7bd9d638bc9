package io.sightline.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.demo.StoryFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stdio mode as a local agent meets it: the packaged application started as a child process
 * with {@code --sightline.mcp.stdio=true} and its key in {@code SIGHTLINE_MCP_API_KEY}, spoken to in
 * newline-delimited JSON-RPC on stdin/stdout. Stdout must carry those messages and nothing else —
 * the banner and every log line go to stderr — and closing stdin must stop the application.
 */
class McpStdioIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "sl_mcp_stdio_test_key_0123456789";
    private static final Pattern STARTED = Pattern.compile("Tomcat started on ports? (\\d+)");

    @TempDir
    Path data;

    @Test
    void speaksOnlyJsonRpcOnStdoutAndStopsWhenStdinCloses() throws Exception {
        List<String> stdout = new CopyOnWriteArrayList<>();
        List<String> stderr = new CopyOnWriteArrayList<>();
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Process app = start();
        try {
            // Every line is kept; one that is not JSON fails the last assertion, saying what it was.
            pump(app.getInputStream(), line -> {
                stdout.add(line);
                try {
                    messages.add(JSON.readTree(line));
                } catch (JacksonException e) {
                    stderr.add("(not JSON on stdout) " + line);
                }
            });
            pump(app.getErrorStream(), line -> {
                stderr.add(line);
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    port.complete(Integer.parseInt(started.group(1)));
                }
            });
            StoryFixture stories = StoryFixture.load(port.get(120, TimeUnit.SECONDS), KEY);
            OutputStream stdin = app.getOutputStream();

            send(stdin, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                    "capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""");
            JsonNode initialized = answer(messages, 1, stderr);
            send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            JsonNode tools = answer(messages, 2, stderr);
            send(
                    stdin,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                            + "\"diagnose_trace\",\"arguments\":{\"traceId\":\"" + stories.slowCheckout() + "\"}}}");
            JsonNode diagnosis = answer(messages, 3, stderr);
            stdin.close();

            assertThat(initialized.get("result").get("serverInfo").get("name").asString())
                    .isEqualTo("sightline");
            assertThat(tools.get("result").get("tools").size()).isEqualTo(6);
            assertThat(diagnosis.get("result").get("isError").asBoolean()).isFalse();
            assertThat(diagnosis.get("result").get("content").get(0).get("text").asString())
                    .contains("the external call POST stripe.com/v1/charges accounts for 940 ms of 1.20 s (78 %)");
            assertThat(app.waitFor(60, TimeUnit.SECONDS))
                    .as("the application stops once stdin is closed:\n" + tail(stderr))
                    .isTrue();
            assertThat(app.exitValue()).isZero();
            assertThat(stdout)
                    .hasSize(3)
                    .allSatisfy(line -> assertThat(
                                    JSON.readTree(line).get("jsonrpc").asString())
                            .isEqualTo("2.0"));
            assertThat(String.join("\n", stderr)).contains("MCP server speaking over stdio");
        } finally {
            app.destroyForcibly();
        }
    }

    private Process start() throws IOException {
        Path jar = Path.of("target", "sightline.jar");
        assertThat(Files.isRegularFile(jar))
                .as("the packaged application at " + jar.toAbsolutePath())
                .isTrue();
        ProcessBuilder process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "--server.port=0",
                "--sightline.ingest.otlp-http-port=0",
                "--sightline.ingest.otlp-grpc-port=0",
                "--sightline.zipkin.port=0",
                "--sightline.data-dir=" + data.resolve("data"),
                "--sightline.storage.embedded.path=" + data.resolve("clickhouse"),
                "--sightline.security.bootstrap-api-key=" + KEY,
                "--sightline.security.bootstrap-admin-password=mcp-stdio-password",
                "--sightline.mcp.stdio=true");
        process.environment().put("SIGHTLINE_MCP_API_KEY", KEY);
        return process.start();
    }

    private static void send(OutputStream stdin, String message) throws IOException {
        stdin.write((message + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static JsonNode answer(BlockingQueue<JsonNode> messages, int id, List<String> stderr)
            throws InterruptedException {
        JsonNode message = messages.poll(60, TimeUnit.SECONDS);
        assertThat(message)
                .as("an answer to request " + id + ":\n" + tail(stderr))
                .isNotNull();
        assertThat(message.get("id").asInt()).isEqualTo(id);
        return message;
    }

    private static void pump(InputStream stream, Consumer<String> lines) {
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    private static String tail(List<String> lines) {
        List<String> copy = List.copyOf(lines);
        return String.join("\n", copy.subList(Math.max(0, copy.size() - 60), copy.size()));
    }
}
