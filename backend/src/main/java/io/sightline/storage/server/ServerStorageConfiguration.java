package io.sightline.storage.server;

import io.sightline.storage.ClickHouse;
import io.sightline.storage.StorageProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code sightline.storage.mode=server} or {@code cluster}: a ClickHouse server at {@code CLICKHOUSE_URL}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(
        "'${sightline.storage.mode:embedded}' == 'server' or '${sightline.storage.mode:embedded}' == 'cluster'")
class ServerStorageConfiguration {

    @Bean(destroyMethod = "close")
    ClickHouse clickHouse(StorageProperties properties) {
        StorageProperties.Server server = properties.server();
        return new ServerClickHouse(
                server.url(),
                server.username(),
                server.password(),
                server.readConnections(),
                server.writeConnections(),
                properties.readSettings(),
                properties.insertSettings());
    }
}
