package io.sightline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.storage.server.ServerClickHouse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The settings {@link ServerFeatureContractIT} runs the application with select the server engine
 * and its database — checked here without a server, so that a misspelt setting cannot leave the
 * "server" run quietly on the embedded engine where no server exists to notice.
 */
class ServerModeWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    @ComponentScan(basePackages = {"io.sightline.storage.server", "io.sightline.storage.embedded"})
    static class Engines {}

    @Test
    void theContractsServerSettingsPickTheServerEngineAndTheRunsDatabase() {
        TestClickHouseServer server = new TestClickHouseServer("http://127.0.0.1:9", "contract", "secret");

        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(Engines.class)
                .withPropertyValues(server.applicationProperties("sightline_contract_test").entrySet().stream()
                        .map(setting -> setting.getKey() + "=" + setting.getValue())
                        .toArray(String[]::new))
                .run(context -> {
                    assertThat(context).hasSingleBean(ClickHouse.class);
                    assertThat(context.getBean(ClickHouse.class)).isInstanceOf(ServerClickHouse.class);
                    StorageProperties properties = context.getBean(StorageProperties.class);
                    assertThat(properties.mode()).isEqualTo(StorageProperties.Mode.SERVER);
                    assertThat(properties.database()).isEqualTo("sightline_contract_test");
                    assertThat(properties.server().url()).isEqualTo("http://127.0.0.1:9");
                    assertThat(properties.server().username()).isEqualTo("contract");
                    assertThat(properties.server().password()).isEqualTo("secret");
                    assertThat(properties.insertSettings()).containsEntry("async_insert", "0");
                });
    }
}
