package io.sightline.ingest;

import io.sightline.security.Projects;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.SpanTables;
import io.sightline.storage.StorageProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/** The ingest pipeline's parts, and the second port (OTLP's standard 4318) that serves only ingest. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class IngestConfiguration {

    @Bean
    Redactor redactor(IngestProperties properties) {
        return new Redactor(properties.secretKeys());
    }

    @Bean(destroyMethod = "close")
    BatchWriter batchWriter(ClickHouse clickHouse, SpanTables tables, IngestProperties properties) {
        return new BatchWriter(clickHouse, tables, properties);
    }

    @Bean
    IngestAdmission ingestAdmission(IngestProperties properties) {
        return new IngestAdmission(
                properties.maxConcurrentRequests(),
                IngestAdmission.defaultBudget(properties.maxInFlightBytes()),
                properties.memoryPerBodyByte());
    }

    @Bean
    IngestQuotas ingestQuotas(IngestProperties properties, Projects projects) {
        return new IngestQuotas(properties.projectSpansPerSecond(), projects::ingestSpansPerSecond, System::nanoTime);
    }

    @Bean
    IngestPipeline ingestPipeline(
            BatchWriter writer,
            Redactor redactor,
            IngestQuotas quotas,
            IngestProperties properties,
            StorageProperties storage,
            ApplicationEventPublisher events) {
        return new IngestPipeline(
                writer,
                redactor,
                quotas,
                properties,
                Duration.ofDays(storage.retentionDays()),
                Clock.systemUTC(),
                events);
    }

    @Bean
    OtlpHttpPort otlpHttpPort(IngestProperties properties) {
        return new OtlpHttpPort(properties.otlpHttpPort());
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> otlpHttpConnector(OtlpHttpPort port) {
        return factory -> port.connector().ifPresent(factory::addAdditionalConnectors);
    }

    /** On the OTLP port, everything but {@code POST /v1/traces} is not found. Runs before security. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> otlpPortOnlyServesIngest(OtlpHttpPort port) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if (port.served(request) && !path.equals("/v1/traces")) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The extra connector, when enabled; its port is known once the server has started. */
    static final class OtlpHttpPort {

        private final Connector connector;

        OtlpHttpPort(int port) {
            if (port < 0) {
                connector = null;
            } else {
                connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
                connector.setPort(port);
            }
        }

        Optional<Connector> connector() {
            return Optional.ofNullable(connector);
        }

        /** The bound port, or -1 when disabled or not started. */
        int localPort() {
            return connector == null ? -1 : connector.getLocalPort();
        }

        boolean served(HttpServletRequest request) {
            return connector != null && request.getLocalPort() == connector.getLocalPort();
        }
    }
}
