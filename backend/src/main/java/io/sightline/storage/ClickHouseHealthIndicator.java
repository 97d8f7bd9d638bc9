package io.sightline.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code clickhouse} component of {@code /actuator/health}: up when the engine answers a
 * round trip, with which engine and version; down with the engine's error otherwise.
 */
@Component("clickhouse")
class ClickHouseHealthIndicator implements HealthIndicator {

    private final ClickHouse clickHouse;

    ClickHouseHealthIndicator(ClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    @Override
    public Health health() {
        try {
            return Health.up()
                    .withDetail("engine", clickHouse.engineName())
                    .withDetail("version", clickHouse.version())
                    .build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("engine", clickHouse.engineName())
                    .withDetail("error", e.getMessage())
                    .build();
        }
    }
}
