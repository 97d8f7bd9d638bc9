package io.sightline.storage.embedded;

import io.sightline.storage.ClickHouse;
import io.sightline.storage.StorageProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The default engine: chDB in this process, data under {@code sightline.storage.embedded.path}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sightline.storage.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedStorageConfiguration {

    @Bean(destroyMethod = "close")
    ClickHouse clickHouse(
            StorageProperties properties, @Value("${sightline.storage.embedded.chdb-version}") String chdbVersion) {
        StorageProperties.Embedded embedded = properties.embedded();
        return new EmbeddedClickHouse(
                embedded.libraryPath(chdbVersion),
                embedded.path(),
                embedded.connections(),
                embedded.writeConnections(),
                properties.read().settings(),
                30_000);
    }
}
