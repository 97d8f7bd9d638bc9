package io.sightline.forward;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sightline.forward.*}: OTLP destinations that committed spans are re-exported to.
 *
 * @param destinations zero or more; names are unique
 * @param drainTimeout on shutdown, how long the destinations may take to send what is queued
 */
@ConfigurationProperties("sightline.forward")
public record ForwardingProperties(
        @DefaultValue List<Destination> destinations,
        @DefaultValue("10s") Duration drainTimeout) {

    public ForwardingProperties {
        Set<String> names = new HashSet<>();
        for (Destination destination : destinations) {
            if (!names.add(destination.name())) {
                throw new IllegalArgumentException(
                        "two forwarding destinations are named '" + destination.name() + "'; names must be unique");
            }
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("sightline.forward.drain-timeout must not be negative");
        }
    }

    /** OTLP's two protocols, by the names the OTel SDK's {@code OTEL_EXPORTER_OTLP_PROTOCOL} uses. */
    public enum Protocol {
        HTTP_PROTOBUF("http/protobuf"),
        GRPC("grpc");

        private final String otelName;

        Protocol(String otelName) {
            this.otelName = otelName;
        }

        static Protocol of(String name, String destination) {
            for (Protocol protocol : values()) {
                if (protocol.otelName.equalsIgnoreCase(name)) {
                    return protocol;
                }
            }
            throw new IllegalArgumentException("forwarding destination '" + destination + "': unknown protocol '" + name
                    + "'; use http/protobuf or grpc");
        }

        @Override
        public String toString() {
            return otelName;
        }
    }

    /**
     * One destination.
     *
     * @param name names it in metrics, logs and the API
     * @param endpoint http:// or https:// URL. http/protobuf: the base URL, to which {@code
     *     /v1/traces} is appended unless the path already ends with it; grpc: scheme, host and port
     * @param protocol {@code http/protobuf} or {@code grpc}
     * @param headers sent with every export (HTTP headers or gRPC metadata), e.g. an API key; never logged
     * @param projects forward only these projects' spans (by name); empty for every project
     * @param services forward only these services' spans; empty for every service
     * @param queueSpans spans that may wait for this destination; beyond, new spans are dropped and counted
     * @param batchSpans spans per export request
     * @param timeout per export request (connect and answer)
     * @param maxBackoff longest wait between retries, whatever {@code Retry-After} says
     */
    public record Destination(
            String name,
            URI endpoint,
            Protocol protocol,
            Map<String, String> headers,
            Set<String> projects,
            Set<String> services,
            int queueSpans,
            int batchSpans,
            Duration timeout,
            Duration maxBackoff) {

        @ConstructorBinding
        public Destination(
                String name,
                String endpoint,
                @DefaultValue("http/protobuf") String protocol,
                @DefaultValue Map<String, String> headers,
                @DefaultValue List<String> projects,
                @DefaultValue List<String> services,
                @DefaultValue("20000") int queueSpans,
                @DefaultValue("512") int batchSpans,
                @DefaultValue("10s") Duration timeout,
                @DefaultValue("30s") Duration maxBackoff) {
            this(
                    required(name),
                    url(name, endpoint),
                    Protocol.of(protocol, name),
                    Map.copyOf(headers),
                    Set.copyOf(projects),
                    Set.copyOf(services),
                    queueSpans,
                    batchSpans,
                    timeout,
                    maxBackoff);
        }

        public Destination {
            if (queueSpans < 1 || batchSpans < 1) {
                throw new IllegalArgumentException(
                        "forwarding destination '" + name + "': queue-spans and batch-spans must be at least 1");
            }
            if (!timeout.isPositive() || maxBackoff.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException(
                        "forwarding destination '" + name + "': timeout must be positive and max-backoff at least 1s");
            }
        }

        /** Header names only: their values are credentials. */
        @Override
        public String toString() {
            return name + " (" + protocol + " " + endpoint + ", headers " + headers.keySet() + ", projects " + projects
                    + ", services " + services + ")";
        }

        private static String required(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("every forwarding destination needs a name");
            }
            return name;
        }

        private static URI url(String name, String endpoint) {
            String problem = "forwarding destination '" + name + "': endpoint '" + endpoint
                    + "' is not an http:// or https:// URL with a host";
            if (endpoint == null) {
                throw new IllegalArgumentException(problem);
            }
            try {
                URI uri = new URI(endpoint.strip());
                if (uri.getHost() == null
                        || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                    throw new IllegalArgumentException(problem);
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(problem + ": " + e.getReason(), e);
            }
        }
    }

    /** For the log: destinations without header values. */
    @Override
    public String toString() {
        return destinations.stream().map(Destination::toString).collect(Collectors.joining("; "));
    }
}
