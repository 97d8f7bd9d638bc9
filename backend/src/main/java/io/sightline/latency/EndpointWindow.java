package io.sightline.latency;

import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One endpoint over a window, as the latency API, the endpoint page and the MCP server's {@code
 * explain_endpoint} take it: {@code service} and {@code endpoint} required, {@code version} optional,
 * the window as {@link TimeRange} reads it (default 1h). A missing or bad one is a {@link
 * BadParameterException} naming it.
 */
public record EndpointWindow(String service, String endpoint, Instant from, Instant to, String version) {

    public static EndpointWindow of(Map<String, List<String>> parameters, Instant now) {
        TimeRange window = TimeRange.of(parameters, "1h", now);
        String service = Parameters.first(parameters, "service");
        String endpoint = Parameters.first(parameters, "endpoint");
        if (service == null) {
            throw new BadParameterException("service", "is required");
        }
        if (endpoint == null) {
            throw new BadParameterException("endpoint", "is required, such as POST /checkout");
        }
        return new EndpointWindow(
                service, endpoint, window.from(), window.to(), Parameters.first(parameters, "version"));
    }
}
