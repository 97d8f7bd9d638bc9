package io.sightline.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.List;
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

/**
 * The ingest pipeline's parts, and the extra ports that serve only ingest: OTLP/HTTP's standard 4318
 * and Zipkin's 9411.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestProperties.class, ZipkinProperties.class})
class IngestConfiguration {

    @Bean
    Redactor redactor(IngestProperties properties) {
        return new Redactor(properties.secretKeys());
    }

    @Bean(destroyMethod = "close")
    BatchWriter batchWriter(
            ClickHouse clickHouse, SpanTables tables, IngestProperties properties, MeterRegistry registry) {
        return new BatchWriter(clickHouse, tables, properties, registry);
    }

    @Bean
    IngestAdmission ingestAdmission(IngestProperties properties, MeterRegistry registry) {
        IngestAdmission admission = new IngestAdmission(
                properties.maxConcurrentRequests(),
                IngestAdmission.defaultBudget(properties.maxInFlightBytes()),
                properties.memoryPerBodyByte());
        Gauge.builder("sightline.ingest.admission.requests", admission, IngestAdmission::inFlight)
                .description("Ingest requests admitted and not yet answered")
                .register(registry);
        Gauge.builder("sightline.ingest.admission.bytes", admission, IngestAdmission::reservedBytes)
                .description("Memory reserved by the ingest requests in flight (sightline.ingest.max-in-flight-bytes)")
                .baseUnit("bytes")
                .register(registry);
        return admission;
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
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
            ApplicationEventPublisher events,
            ObjectProvider<CommittedSpansReader> readers) {
        return new IngestPipeline(
                writer,
                redactor,
                quotas,
                properties,
                Duration.ofDays(storage.retentionDays()),
                Clock.systemUTC(),
                events,
                () -> readers.stream().anyMatch(CommittedSpansReader::readsSpans));
    }

    @Bean
    OtlpHttpPort otlpHttpPort(IngestProperties properties) {
        return new OtlpHttpPort(properties.otlpHttpPort());
    }

    @Bean
    ZipkinPort zipkinPort(ZipkinProperties properties) {
        return new ZipkinPort(properties.port());
    }

    /**
     * Tomcat as Spring Boot builds it (this bean only takes the place of Boot's, with the same
     * customizer beans), plus the ingest ports: more connectors configured by the very code that
     * configures the main one, so each binds {@code server.address}, speaks TLS under {@code
     * server.ssl.*} and takes every {@code server.tomcat.*} setting and customizer; only the port
     * differs.
     */
    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory(
            ObjectProvider<IngestPort> ports,
            ObjectProvider<TomcatConnectorCustomizer> connectorCustomizers,
            ObjectProvider<TomcatContextCustomizer> contextCustomizers,
            ObjectProvider<TomcatProtocolHandlerCustomizer<?>> protocolHandlerCustomizers) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory() {
            @Override
            public WebServer getWebServer(ServletContextInitializer... initializers) {
                ports.orderedStream()
                        .forEach(port -> port.attach(() -> {
                                    Connector connector = new Connector(getProtocol());
                                    customizeConnector(connector);
                                    return connector;
                                })
                                .ifPresent(this::addAdditionalConnectors));
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

    /** On an ingest port, everything but its path is not found. Runs before security. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> ingestPortsOnlyServeIngest(List<IngestPort> ports) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                if (ports.stream().anyMatch(port -> port.served(request) && !path.equals(port.path))) {
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

    /** OTLP/HTTP's port, serving only {@code POST /v1/traces}. */
    static final class OtlpHttpPort extends IngestPort {
        OtlpHttpPort(int port) {
            super(port, "/v1/traces");
        }
    }

    /** Zipkin's port, serving only {@code POST /api/v2/spans}. */
    static final class ZipkinPort extends IngestPort {
        ZipkinPort(int port) {
            super(port, ZipkinHttpApi.PATH);
        }
    }

    /** An extra connector serving one path, when enabled; its port is known once the server has started. */
    abstract static sealed class IngestPort permits OtlpHttpPort, ZipkinPort {

        private final int port;
        private final String path;
        private Connector connector;

        IngestPort(int port, String path) {
            this.port = port;
            this.path = path;
        }

        /**
         * Makes the connector once, when enabled: configured like the main one by {@code configured},
         * then moved to this port. Empty when disabled or made already.
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
