package io.sightline.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.storage.server.ServerClickHouse;
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
            server = new ServerClickHouse(
                    url,
                    System.getenv().getOrDefault("CLICKHOUSE_USER", "default"),
                    System.getenv().getOrDefault("CLICKHOUSE_PASSWORD", ""));
            return;
        }
        assumeTrue(dockerRuns(), "no ClickHouse server: CLICKHOUSE_URL is not set and no Docker engine runs here");
        container = new ClickHouseContainer(IMAGE);
        container.start();
        server = new ServerClickHouse(
                "http://" + container.getHost() + ":" + container.getMappedPort(8123),
                container.getUsername(),
                container.getPassword());
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
