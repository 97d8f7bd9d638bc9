package io.sightline.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.sightline.latency.CacheService;
import io.sightline.latency.EndpointWindow;
import io.sightline.latency.LatencyService;
import io.sightline.latency.SlowRequests;
import io.sightline.web.Parameters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code explain_endpoint}: one endpoint's percentiles and buckets ({@link LatencyService}), its
 * cache hit ratios ({@link CacheService}) and what sets its requests at or above pXX apart from the
 * rest ({@link SlowRequests}), over one window; the sentences are {@link EndpointExplanation}'s.
 */
@Component
class ExplainEndpointTool implements McpTool {

    private final LatencyService latency;
    private final CacheService cache;
    private final SlowRequests slowRequests;
    private final ToolWindows windows;

    ExplainEndpointTool(LatencyService latency, CacheService cache, SlowRequests slowRequests, ToolWindows windows) {
        this.latency = latency;
        this.cache = cache;
        this.slowRequests = slowRequests;
        this.windows = windows;
    }

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder()
                .name("explain_endpoint")
                .title("Explain an endpoint's latency")
                .description("One endpoint over the window: requests, error rate, p50/p75/p90/p95/p99, the"
                        + " standard latency buckets, the slowest requests, cache hit ratios, and what sets its"
                        + " requests at or above the percentile apart from the rest: the downstream calls whose count"
                        + " or time per request differs most, and the attribute values over-represented among them.")
                .annotations(READS)
                .inputSchema(new ToolSchema()
                        .text("service", ToolSchema.SERVICE)
                        .text("endpoint", ToolSchema.ENDPOINT)
                        .text(
                                "version",
                                "Only requests of this service version (service.version), for the"
                                        + " percentiles and buckets.")
                        .number(
                                "percentile",
                                "Where slow begins: requests at or above this percentile of the endpoint's"
                                        + " durations, strictly between 0 and 100. Default: 99.")
                        .window("1h", true)
                        .required("service", "endpoint")
                        .build())
                .build();
    }

    @Override
    public Answer answer(ToolArguments arguments) {
        ToolWindows.Window window = windows.resolve(arguments, "1h", Instant.now());
        Map<String, List<String>> parameters = window.parameters();
        EndpointWindow endpoint = EndpointWindow.of(parameters, Instant.now());
        String percentileText = Parameters.first(parameters, "percentile");
        double percentile = percentileText == null ? 99 : Parameters.percentile("percentile", percentileText);
        EndpointExplanation explanation = new EndpointExplanation(
                latency.latency(
                        endpoint.service(), endpoint.endpoint(), window.from(), window.to(), endpoint.version()),
                cache.cache(endpoint.service(), endpoint.endpoint(), window.from(), window.to()),
                slowRequests.difference(
                        endpoint.service(), endpoint.endpoint(), window.from(), window.to(), percentile));
        return new Answer(explanation.conclusion(window.described()), explanation);
    }
}
