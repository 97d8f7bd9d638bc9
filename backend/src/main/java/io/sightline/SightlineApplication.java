package io.sightline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SightlineApplication {

    public static void main(String[] args) {
        SpringApplication.run(SightlineApplication.class, args);
    }
}
