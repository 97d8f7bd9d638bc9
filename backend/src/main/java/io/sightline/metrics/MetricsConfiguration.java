package io.sightline.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.StorageProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;

/** Sightline's own metrics that belong to no feature: reads timed at the port, ClickHouse table sizes. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /**
     * Puts {@link TimedClickHouse} around the engine, first of all post-processors, so whatever else
     * wraps the engine (a test's fault injector) sits outside it and its reads are timed too.
     */
    @Bean
    static BeanPostProcessor timedReads(ObjectProvider<MeterRegistry> registry) {
        class TimedReads implements BeanPostProcessor, PriorityOrdered {
            private volatile MeterRegistry resolved;

            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof ClickHouse engine ? new TimedClickHouse(engine, this::registry) : bean;
            }

            // Resolved at the first read: the registry is not needed, nor made, before the engine is.
            private MeterRegistry registry() {
                MeterRegistry found = resolved;
                if (found == null) {
                    resolved = found = registry.getObject();
                }
                return found;
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }
        }
        return new TimedReads();
    }

    @Bean(destroyMethod = "close")
    TableSizes tableSizes(
            ClickHouse clickHouse, StorageProperties storage, MeterRegistry registry, MetricsProperties properties) {
        return new TableSizes(clickHouse, storage.database(), registry, properties.tableRefresh());
    }
}
