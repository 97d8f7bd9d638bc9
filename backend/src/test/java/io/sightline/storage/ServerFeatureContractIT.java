package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.storage.server.ServerClickHouse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The features' contract on a ClickHouse server ({@link TestClickHouseServer}), with the application
 * in {@code sightline.storage.mode=server} as it runs in production. Each run migrates its own
 * database and drops it afterwards, so runs on one server never meet. Skipped when there is no server.
 */
@EnabledIf(value = "io.sightline.storage.TestClickHouseServer#available", disabledReason = TestClickHouseServer.MISSING)
@DirtiesContext
class ServerFeatureContractIT extends FeatureContract {

    static final String DATABASE =
            "sightline_contract_" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ConfigurableApplicationContext application;

    @Autowired
    ClickHouse clickHouse;

    @DynamicPropertySource
    static void serverEngine(DynamicPropertyRegistry registry) {
        TestClickHouseServer.get()
                .applicationProperties(DATABASE)
                .forEach((name, value) -> registry.add(name, () -> value));
    }

    @Test
    void theStoriesAreInThisRunsDatabaseOnTheServer() throws IOException {
        assertThat(clickHouse).isInstanceOf(ServerClickHouse.class);
        try (InputStream count = clickHouse.query(
                "SELECT count() FROM " + DATABASE + ".spans WHERE service LIKE {tag:String}",
                Map.of("tag", "%" + stories.tag()),
                "TSV")) {
            assertThat(new String(count.readAllBytes(), StandardCharsets.UTF_8).strip())
                    .isEqualTo(Integer.toString(stories.sent().size()));
        }
    }

    /** The application stops first, so nothing it runs in the background writes to a dropped database. */
    @AfterAll
    void dropTheDatabase() {
        application.close();
        try (ServerClickHouse server = TestClickHouseServer.get().connect()) {
            server.command("DROP DATABASE IF EXISTS " + DATABASE + " SYNC", Map.of());
        }
    }
}
