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
import java.util.function.Supplier;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
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

    /**
     * Tomcat as Spring Boot builds it (this bean only takes the place of Boot's, with the same
     * customizer beans), plus the OTLP port: a second connector configured by the very code that
     * configures the main one, so it binds {@code server.address}, speaks TLS under {@code
     * server.ssl.*} and takes every {@code server.tomcat.*} setting and customizer; only its port
     * differs.
     */
    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory(
            OtlpHttpPort port,
            ObjectProvider<TomcatConnectorCustomizer> connectorCustomizers,
            ObjectProvider<TomcatContextCustomizer> contextCustomizers,
            ObjectProvider<TomcatProtocolHandlerCustomizer<?>> protocolHandlerCustomizers) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory() {
            @Override
            public WebServer getWebServer(ServletContextInitializer... initializers) {
                port.attach(() -> {
                            Connector connector = new Connector(getProtocol());
                            customizeConnector(connector);
                            return connector;
                        })
                        .ifPresent(this::addAdditionalConnectors);
                return super.getWebServer(initializers);
            }
        };
        factory.getConnectorCustomizers()
                .addAll(connectorCustomizers.orderedStream().toList());
        factory.getContextCustomizers()
                .addAll(contextCustomizers.orderedStream().toList());
        factory.getProtocolHandlerCustomizers()
                .addAll(protocolHandlerCustomizers.orderedStream().toList());
        return factory;
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

        private final int port;
        private Connector connector;

        OtlpHttpPort(int port) {
            this.port = port;
        }

        /**
         * Makes the connector once, when enabled: configured like the main one by {@code configured},
         * then moved to the OTLP port. Empty when disabled or made already.
         */
        synchronized Optional<Connector> attach(Supplier<Connector> configured) {
            if (port < 0 || connector != null) {
                return Optional.empty();
            }
            connector = configured.get();
            connector.setPort(port);
            return Optional.of(connector);
        }

        /** The bound port, or -1 when disabled or not started. */
        synchronized int localPort() {
            return connector == null ? -1 : connector.getLocalPort();
        }

        synchronized boolean served(HttpServletRequest request) {
            return connector != null && request.getLocalPort() == connector.getLocalPort();
        }
    }
}
