package io.sightline.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sightline.storage.server.ServerClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The port's contract on a ClickHouse server, when one is reachable: set {@code CLICKHOUSE_URL}
 * (and {@code CLICKHOUSE_USER}, {@code CLICKHOUSE_PASSWORD}). Skipped otherwise.
 */
class ServerClickHouseContractIT implements ClickHouseContract {

    private static ServerClickHouse server;

    @BeforeAll
    static void connect() {
        String url = System.getenv("CLICKHOUSE_URL");
        assumeTrue(url != null && !url.isBlank(), "CLICKHOUSE_URL is not set: no ClickHouse server to check the contract against");
        server = new ServerClickHouse(url, System.getenv().getOrDefault("CLICKHOUSE_USER", "default"),
                System.getenv().getOrDefault("CLICKHOUSE_PASSWORD", ""));
    }

    @AfterAll
    static void disconnect() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public ClickHouse clickHouse() {
        return server;
    }
}
