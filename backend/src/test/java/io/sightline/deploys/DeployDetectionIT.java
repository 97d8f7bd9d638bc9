package io.sightline.deploys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span;
import io.sightline.IntegrationTest;
import io.sightline.OtlpFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Ingest's commit event becomes a DETECTED marker, written after the acknowledgement. */
class DeployDetectionIT extends IntegrationTest {

    @Test
    void aNewServiceVersionIsMarkedAtItsFirstSpanOnceItsSpansAreCommitted() {
        String service = "detected-" + UUID.randomUUID().toString().substring(0, 8);
        OtlpFixture trace = new OtlpFixture();
        trace.span(service, null, "GET /items", Span.SpanKind.SPAN_KIND_SERVER, 0, 20, false);
        trace.span(service, null, "GET /items", Span.SpanKind.SPAN_KIND_SERVER, 30_000, 20, false);
        Instant sent = Instant.now();

        trace.send(port, BOOTSTRAP_KEY);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode deploys =
                    api("/api/v1/deploys?range=1h&service=" + service).get("deploys");
            assertThat(deploys).hasSize(1);
            JsonNode marker = deploys.get(0);
            assertThat(marker.get("version").asString()).isEqualTo("1.0.0");
            assertThat(marker.get("environment").asString()).isEqualTo("test");
            assertThat(marker.get("source").asString()).isEqualTo("DETECTED");
            // The fixture's spans start a minute before it was built: the marker is the earlier span's start.
            assertThat(Instant.parse(marker.get("at").asString()))
                    .isBetween(sent.minusSeconds(62), sent.minusSeconds(58));
        });
    }
}
