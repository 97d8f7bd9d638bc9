package io.sightline.storage;

import io.sightline.storage.server.ServerClickHouse;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;

/**
 * The ClickHouse server the server-engine tests run on: the one at {@code CLICKHOUSE_URL} (with
 * {@code CLICKHOUSE_USER}, {@code CLICKHOUSE_PASSWORD}) when set, else one container started in
 * Docker for the whole test run (Testcontainers removes it when the JVM exits). Test classes check
 * {@link #available()} through {@code @EnabledIf} and are skipped, with {@link #MISSING} as the
 * reason, when there is neither.
 */
public record TestClickHouseServer(String url, String username, String password) {

    static final String IMAGE = "clickhouse/clickhouse-server:25.8";
    public static final String MISSING =
            "no ClickHouse server: CLICKHOUSE_URL is not set and no Docker engine runs here";

    private static TestClickHouseServer started;

    /** Whether a server is configured or one can be started. */
    public static boolean available() {
        return configured() != null || dockerRuns();
    }

    /** The configured server, else the run's container (started on first use). */
    public static synchronized TestClickHouseServer get() {
        TestClickHouseServer configured = configured();
        if (configured != null) {
            return configured;
        }
        if (started == null) {
            @SuppressWarnings("resource") // one container for the run; Testcontainers stops it at exit
            ClickHouseContainer container = new ClickHouseContainer(IMAGE);
            container.start();
            started = new TestClickHouseServer(
                    "http://" + container.getHost() + ":" + container.getMappedPort(8123),
                    container.getUsername(),
                    container.getPassword());
        }
        return started;
    }

    /**
     * The settings that run the application on this server, as an operator sets them
     * ({@code SIGHTLINE_STORAGE_MODE=server}, {@code CLICKHOUSE_URL}, ...), with the spans in
     * {@code database}.
     */
    public Map<String, String> applicationProperties(String database) {
        return Map.of(
                "sightline.storage.mode", "server",
                "sightline.storage.database", database,
                "sightline.storage.server.url", url,
                "sightline.storage.server.username", username,
                "sightline.storage.server.password", password);
    }

    /** A client of this server with the application's read limits and synchronous inserts. */
    public ServerClickHouse connect() {
        Map<String, String> readLimits =
                Map.of("max_execution_time", "30", "max_result_rows", "2000000", "result_overflow_mode", "throw");
        return new ServerClickHouse(
                url, username, password, 4, 2, readLimits, Map.of("async_insert", "0", "wait_for_async_insert", "1"));
    }

    private static TestClickHouseServer configured() {
        String url = System.getenv("CLICKHOUSE_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new TestClickHouseServer(
                url,
                System.getenv().getOrDefault("CLICKHOUSE_USER", "default"),
                System.getenv().getOrDefault("CLICKHOUSE_PASSWORD", ""));
    }

    private static boolean dockerRuns() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
