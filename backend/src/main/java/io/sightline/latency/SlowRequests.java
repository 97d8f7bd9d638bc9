package io.sightline.latency;

import io.sightline.query.RequestStats;
import io.sightline.query.SpanFilter;
import io.sightline.query.TimeWindow;
import io.sightline.security.ProjectAccess;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * What is different about an endpoint's requests at or above its pXX (the endpoint page's pXX,
 * from {@link RequestStats}): the calls whose count or
 * time per request differs most between the slow requests and the rest, and the attribute values
 * (of the request span and its resource) that are over-represented among the slow ones, with counts.
 */
@Service
public class SlowRequests {

    static final int TOP = 10;

    private final RequestStats stats;
    private final SlowRequestQueries queries;
    private final ProjectAccess projectAccess;

    SlowRequests(RequestStats stats, SlowRequestQueries queries, ProjectAccess projectAccess) {
        this.stats = stats;
        this.queries = queries;
        this.projectAccess = projectAccess;
    }

    public record CallDifference(
            String operation,
            double callsPerSlowRequest,
            double callsPerOtherRequest,
            double msPerSlowRequest,
            double msPerOtherRequest) {}

    public record OverRepresented(
            String key,
            String value,
            long slowRequests,
            long otherRequests,

            @Schema(description = "Share of the slow requests with this value, 0-1")
            double slowShare,

            @Schema(description = "Share of the other requests with this value, 0-1")
            double otherShare) {}

    public record Difference(
            double percentile,

            @Schema(description = "The endpoint's percentile: requests at least this long are the slow ones")
            double thresholdMs,

            long slowRequests,
            long otherRequests,
            List<CallDifference> calls,
            List<OverRepresented> attributes) {}

    public Difference difference(String service, String endpoint, Instant from, Instant to, double percentile) {
        SpanFilter requests = SpanFilter.of(projectAccess.readableProjects(), new TimeWindow(from, to))
                .service(service)
                .endpoint(endpoint);
        // The endpoint page's own pXX: exact up to six hours, from the rollup beyond.
        long threshold = stats.quantile(requests, List.of(), percentile / 100).getOrDefault(List.of(), 0L);
        JsonNode totals = queries.totals(requests, threshold);
        long slow = totals.get("slow_requests").asLong();
        long other = totals.get("other_requests").asLong();
        List<CallDifference> calls = new ArrayList<>();
        for (JsonNode row : queries.calls(requests, threshold)) {
            calls.add(new CallDifference(
                    row.get("operation").asString(),
                    per(row.get("slow_calls").asLong(), slow),
                    per(row.get("other_calls").asLong(), other),
                    per(row.get("slow_ns").asLong() / 1e6, slow),
                    per(row.get("other_ns").asLong() / 1e6, other)));
        }
        calls.sort(
                Comparator.comparingDouble((CallDifference c) -> Math.abs(c.msPerSlowRequest() - c.msPerOtherRequest()))
                        .reversed());
        List<OverRepresented> attributes = new ArrayList<>();
        for (JsonNode row : queries.attributes(requests, threshold)) {
            long slowWith = row.get("slow_requests").asLong();
            long otherWith = row.get("other_requests").asLong();
            double slowShare = per(slowWith, slow);
            double otherShare = per(otherWith, other);
            if (slowShare > otherShare) {
                attributes.add(new OverRepresented(
                        row.get("key").asString(),
                        row.get("value").asString(),
                        slowWith,
                        otherWith,
                        slowShare,
                        otherShare));
            }
        }
        attributes.sort(Comparator.comparingDouble((OverRepresented a) -> a.slowShare() - a.otherShare())
                .reversed());
        return new Difference(
                percentile,
                Math.round(threshold / 1_000.0) / 1_000.0,
                slow,
                other,
                calls.subList(0, Math.min(TOP, calls.size())),
                attributes.subList(0, Math.min(TOP, attributes.size())));
    }

    private static double per(double amount, long requests) {
        return requests == 0 ? 0 : Math.round(amount / requests * 100) / 100.0;
    }
}
