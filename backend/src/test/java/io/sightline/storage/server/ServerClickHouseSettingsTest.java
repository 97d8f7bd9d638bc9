package io.sightline.storage.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.sightline.storage.StorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The settings each kind of statement carries to a ClickHouse server, read off the HTTP requests
 * the engine sends (a local HTTP server stands in for ClickHouse and records them): inserts are
 * synchronous, and in cluster mode wait for the insert quorum; reads carry the read limits; neither
 * carries the other's settings.
 */
class ServerClickHouseSettingsTest {

    private HttpServer server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            requests.add(parameters(exchange.getRequestURI().getRawQuery()));
            exchange.getResponseHeaders().add("X-ClickHouse-Summary", "{\"written_rows\":\"1\"}");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void serverModeInsertsAreSynchronousAndReadsCarryTheReadLimits() throws IOException {
        StorageProperties properties = properties(StorageProperties.Mode.SERVER);
        Map<String, String> insert = insertThenRead(properties).get(0);
        Map<String, String> read = requests.get(1);

        assertThat(insert).containsEntry("async_insert", "0").containsEntry("wait_for_async_insert", "1");
        assertThat(insert)
                .doesNotContainKeys(
                        "insert_quorum",
                        "distributed_foreground_insert",
                        "max_execution_time",
                        "max_result_rows",
                        "os_thread_priority");
        assertThat(read)
                .containsEntry("max_execution_time", "7")
                .containsEntry(
                        "max_memory_usage",
                        Long.toString(DataSize.ofMegabytes(64).toBytes()))
                .containsEntry("max_result_rows", "5000")
                .containsEntry("result_overflow_mode", "throw")
                .containsEntry("os_thread_priority", "19")
                .doesNotContainKeys("async_insert", "insert_quorum", "distributed_product_mode");
    }

    @Test
    void clusterModeInsertsWaitForEveryShardAndTheQuorumAndReadsJoinOnEachShard() throws IOException {
        Map<String, String> insert =
                insertThenRead(properties(StorageProperties.Mode.CLUSTER)).get(0);

        assertThat(insert)
                .containsEntry("distributed_foreground_insert", "1")
                .containsEntry("insert_quorum", "2")
                .containsEntry("async_insert", "0")
                .containsEntry("wait_for_async_insert", "1")
                .doesNotContainKey("distributed_product_mode");
        assertThat(requests.get(1))
                .containsEntry("distributed_product_mode", "local")
                .containsEntry("max_result_rows", "5000")
                .doesNotContainKeys("insert_quorum", "distributed_foreground_insert");
    }

    private List<Map<String, String>> insertThenRead(StorageProperties properties) throws IOException {
        try (ServerClickHouse clickHouse = new ServerClickHouse(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "default",
                "",
                2,
                1,
                properties.readSettings(),
                properties.insertSettings())) {
            clickHouse.insert("t", List.of("id"), new byte[] {1, 0, 0, 0});
            // The answer is not read: the stand-in does not speak the client's compressed framing.
            clickHouse.query("SELECT 1", Map.of(), "TSV").close();
        }
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("query")).startsWith("INSERT INTO t");
        return requests;
    }

    private static StorageProperties properties(StorageProperties.Mode mode) {
        return new StorageProperties(
                mode,
                "sightline",
                7,
                true,
                new StorageProperties.Read(
                        Duration.ofSeconds(7), DataSize.ofMegabytes(64), 5000, DataSize.ofMegabytes(16), 19),
                DataSize.ofMegabytes(256),
                new StorageProperties.Embedded("", Path.of("data"), 4, 2),
                new StorageProperties.Server("http://localhost:8123", "default", "", "c", 16, 4, "2"));
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
