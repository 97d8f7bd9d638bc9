package io.sightline;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code sightline.data-dir} absolute before anything uses it: the embedded metadata
 * database's JDBC URL is built from it, and H2 refuses a relative path such as
 * {@code backend/target/data} (it accepts only absolute or {@code ./} paths).
 */
class DataDirectory implements EnvironmentPostProcessor {

    static final String PROPERTY = "sightline.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("absoluteDataDirectory", Map.of(PROPERTY, absolute)));
        }
    }
}
