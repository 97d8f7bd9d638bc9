package io.sightline.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.storage.server.ServerClickHouse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;

/**
 * The port's contract on a ClickHouse server: the one at {@code CLICKHOUSE_URL} (with
 * {@code CLICKHOUSE_USER}, {@code CLICKHOUSE_PASSWORD}) when set, else one started in Docker when
 * a Docker engine runs. Skipped when neither is there.
 */
class ServerClickHouseContractIT implements ClickHouseContract {

    static final String IMAGE = "clickhouse/clickhouse-server:25.8";

    private static ClickHouseContainer container;
    private static ServerClickHouse server;

    @BeforeAll
    static void connect() {
        String url = System.getenv("CLICKHOUSE_URL");
        if (url != null && !url.isBlank()) {
            server = server(
                    url,
                    System.getenv().getOrDefault("CLICKHOUSE_USER", "default"),
                    System.getenv().getOrDefault("CLICKHOUSE_PASSWORD", ""));
            return;
        }
        assumeTrue(dockerRuns(), "no ClickHouse server: CLICKHOUSE_URL is not set and no Docker engine runs here");
        container = new ClickHouseContainer(IMAGE);
        container.start();
        server = server(
                "http://" + container.getHost() + ":" + container.getMappedPort(8123),
                container.getUsername(),
                container.getPassword());
    }

    private static ServerClickHouse server(String url, String username, String password) {
        Map<String, String> readLimits =
                Map.of("max_execution_time", "30", "max_result_rows", "2000000", "result_overflow_mode", "throw");
        return new ServerClickHouse(
                url, username, password, 4, 2, readLimits, Map.of("async_insert", "0", "wait_for_async_insert", "1"));
    }

    private static boolean dockerRuns() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @AfterAll
    static void disconnect() {
        if (server != null) {
            server.close();
        }
        if (container != null) {
            container.stop();
        }
    }

    @Override
    public ClickHouse clickHouse() {
        return server;
    }
}
