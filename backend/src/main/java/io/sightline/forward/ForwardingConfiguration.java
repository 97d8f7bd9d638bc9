package io.sightline.forward;

import io.micrometer.core.instrument.MeterRegistry;
import io.sightline.retry.Backoff;
import io.sightline.security.Projects;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One worker per configured destination, with the sender of its protocol. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ForwardingProperties.class)
class ForwardingConfiguration {

    @Bean(destroyMethod = "close")
    Forwarder forwarder(ForwardingProperties properties, Projects projects, MeterRegistry meters) {
        List<DestinationWorker> workers = properties.destinations().stream()
                .map(destination -> new DestinationWorker(
                                destination,
                                switch (destination.protocol()) {
                                    case HTTP_PROTOBUF -> new HttpSender(destination);
                                    case GRPC -> new GrpcSender(destination);
                                },
                                new Backoff(
                                        destination.maxBackoff(),
                                        () -> ThreadLocalRandom.current().nextDouble()))
                        .start())
                .toList();
        return new Forwarder(
                workers,
                projectId ->
                        projects.namesOf(Set.of(projectId)).stream().findFirst().orElse(""),
                properties.drainTimeout(),
                meters);
    }
}
