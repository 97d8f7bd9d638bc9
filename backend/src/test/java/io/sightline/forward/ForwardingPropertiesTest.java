package io.sightline.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ForwardingPropertiesTest {

    @Test
    void aDestinationNeedsOnlyANameAndAnEndpoint() {
        ForwardingProperties properties = bind(Map.of(
                "destinations[0].name", "honeycomb",
                "destinations[0].endpoint", "https://api.honeycomb.io",
                "destinations[0].headers.x-honeycomb-team", "key",
                "destinations[1].name", "grafana",
                "destinations[1].endpoint", "https://otlp-gateway-prod-eu-west-2.grafana.net/otlp",
                "destinations[1].protocol", "grpc",
                "destinations[1].services", "checkout,search"));

        var honeycomb = properties.destinations().get(0);
        assertThat(honeycomb.protocol()).isEqualTo(ForwardingProperties.Protocol.HTTP_PROTOBUF);
        assertThat(honeycomb.headers()).containsEntry("x-honeycomb-team", "key");
        assertThat(honeycomb.queueSpans()).isEqualTo(20_000);
        assertThat(honeycomb.batchSpans()).isEqualTo(512);
        assertThat(honeycomb.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(honeycomb.projects()).isEmpty();
        assertThat(properties.destinations().get(1).protocol()).isEqualTo(ForwardingProperties.Protocol.GRPC);
        assertThat(properties.destinations().get(1).services()).containsExactlyInAnyOrder("checkout", "search");
        assertThat(properties.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(bind(Map.of()).destinations()).isEmpty();
    }

    @Test
    void theHttpEndpointIsABaseUnlessItEndsWithTheTracesPath() {
        assertThat(HttpSender.tracesUrl(java.net.URI.create("https://api.honeycomb.io")))
                .hasToString("https://api.honeycomb.io/v1/traces");
        assertThat(HttpSender.tracesUrl(java.net.URI.create("https://gateway.grafana.net/otlp/")))
                .hasToString("https://gateway.grafana.net/otlp/v1/traces");
        assertThat(HttpSender.tracesUrl(java.net.URI.create("http://collector:4318/v1/traces")))
                .hasToString("http://collector:4318/v1/traces");
    }

    @Test
    void badSettingsAreRefusedWithAClearReason() {
        assertThat(failure(Map.of("destinations[0].name", "x", "destinations[0].endpoint", "collector:4318")))
                .hasMessageContaining("endpoint 'collector:4318' is not an http:// or https:// URL");
        assertThat(failure(Map.of("destinations[0].name", "x", "destinations[0].endpoint", "ftp://host")))
                .hasMessageContaining("endpoint 'ftp://host' is not an http:// or https:// URL");
        assertThat(failure(Map.of("destinations[0].name", "x")))
                .hasMessageContaining("endpoint 'null' is not an http:// or https:// URL");
        assertThat(failure(Map.of(
                        "destinations[0].name", "x",
                        "destinations[0].endpoint", "http://h",
                        "destinations[0].protocol", "http/json")))
                .hasMessageContaining("unknown protocol 'http/json'; use http/protobuf or grpc");
        assertThat(failure(Map.of("destinations[0].endpoint", "http://h")))
                .hasMessageContaining("every forwarding destination needs a name");
        assertThat(failure(Map.of(
                        "destinations[0].name", "x",
                        "destinations[0].endpoint", "http://h",
                        "destinations[0].queue-spans", "0")))
                .hasMessageContaining("queue-spans and batch-spans must be at least 1");
        assertThat(failure(Map.of(
                        "destinations[0].name", "x",
                        "destinations[0].endpoint", "http://h",
                        "destinations[1].name", "x",
                        "destinations[1].endpoint", "http://g")))
                .hasMessageContaining("two forwarding destinations are named 'x'");
    }

    private static ForwardingProperties bind(Map<String, String> settings) {
        Map<String, String> prefixed = new HashMap<>();
        settings.forEach((key, value) -> prefixed.put("sightline.forward." + key, value));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("sightline.forward", ForwardingProperties.class);
    }

    private static Throwable failure(Map<String, String> settings) {
        Throwable thrown = catchThrowable(() -> bind(settings));
        Assertions.assertThat(thrown).isNotNull();
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
