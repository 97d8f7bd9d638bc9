package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What Boot's gRPC server is told by Sightline's own settings, read when asked (so later sources count). */
class OtlpGrpcSettingsTest {

    private final Map<String, Object> settings = new HashMap<>();
    private final StandardEnvironment environment = new StandardEnvironment();

    OtlpGrpcSettingsTest() {
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        new OtlpGrpcSettings().postProcessEnvironment(environment, new SpringApplication());
    }

    @Test
    void portMinusOneTurnsTheServerOffAndAnyOtherPortOn() {
        settings.put("sightline.ingest.otlp-grpc-port", "-1");
        assertThat(environment.getProperty("spring.grpc.server.enabled", Boolean.class))
                .isFalse();

        settings.put("sightline.ingest.otlp-grpc-port", "0");
        assertThat(environment.getProperty("spring.grpc.server.enabled", Boolean.class))
                .isTrue();
        settings.put("sightline.ingest.otlp-grpc-port", "4317");
        assertThat(environment.getProperty("spring.grpc.server.enabled", Boolean.class))
                .isTrue();
    }

    @Test
    void itBindsServerAddressWhenSetAndEveryAddressOtherwise() {
        assertThat(environment.getProperty("spring.grpc.server.address")).isNull();
        settings.put("server.address", " ");
        assertThat(environment.getProperty("spring.grpc.server.address")).isNull();

        settings.put("server.address", "127.0.0.1");
        assertThat(environment.getProperty("spring.grpc.server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void anExplicitSpringGrpcSettingWins() {
        settings.put("sightline.ingest.otlp-grpc-port", "4317");
        settings.put("spring.grpc.server.enabled", "false");

        assertThat(environment.getProperty("spring.grpc.server.enabled", Boolean.class))
                .isFalse();
    }
}
