package io.sightline.storage;

import io.sightline.storage.server.ServerClickHouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;

/** The port's contract on a ClickHouse server ({@link TestClickHouseServer}); skipped when there is none. */
@EnabledIf(value = "io.sightline.storage.TestClickHouseServer#available", disabledReason = TestClickHouseServer.MISSING)
class ServerClickHouseContractIT implements ClickHouseContract {

    private static ServerClickHouse server;

    @BeforeAll
    static void connect() {
        server = TestClickHouseServer.get().connect();
    }

    @AfterAll
    static void disconnect() {
        server.close();
    }

    @Override
    public ClickHouse clickHouse() {
        return server;
    }
}
