package io.sightline.storage;

import io.sightline.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The port's contract on the embedded engine, the one the application runs on in tests. */
class EmbeddedClickHouseContractIT extends IntegrationTest implements ClickHouseContract {

    @Autowired
    ClickHouse clickHouse;

    @Override
    public ClickHouse clickHouse() {
        return clickHouse;
    }
}
