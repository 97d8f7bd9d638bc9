package io.sightline.ingest;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Boot's gRPC server settings that follow from Sightline's own, looked up when they are read (so a
 * test's dynamic properties count): the server is off when {@code sightline.ingest.otlp-grpc-port}
 * is -1, and binds {@code server.address} when it is set, as the HTTP ports do. Last in line, so an
 * explicit {@code spring.grpc.server.*} setting still wins. The port and message size are mapped in
 * {@code application.yml}; these two cannot be (a flag computed from the port, and an address that
 * must stay unset rather than empty).
 */
class OtlpGrpcSettings implements EnvironmentPostProcessor {

    private static final String PORT = "sightline.ingest.otlp-grpc-port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new PropertySource<>("otlpGrpcSettings", PORT) {
            @Override
            public Object getProperty(String name) {
                return switch (name) {
                    case "spring.grpc.server.enabled" -> environment.getProperty(PORT, Integer.class, 0) >= 0;
                    case "spring.grpc.server.address" -> {
                        String address = environment.getProperty("server.address");
                        yield address == null || address.isBlank() ? null : address;
                    }
                    default -> null;
                };
            }
        });
    }
}
