package io.sightline.mcp;

import io.sightline.latency.CacheService.CacheStats;
import io.sightline.latency.LatencyService;
import io.sightline.latency.SlowRequests;
import io.sightline.web.Formats;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code explain_endpoint} found — the endpoint's latency, its cache hit ratios and its slow
 * requests against the rest, each as the JSON API gives it — and the conclusion drawn from them.
 */
record EndpointExplanation(LatencyService.Latency latency, List<CacheStats> cache, SlowRequests.Difference slow) {

    /** Calls, attributes and cache operations the conclusion names at most. */
    static final int NAMED = 2;

    String conclusion(String window) {
        String name = latency.endpoint() + " of " + latency.service()
                + (latency.version() == null ? "" : " (version " + latency.version() + ")");
        LatencyService.Percentiles p = latency.percentilesMs();
        if (latency.requests() == 0 || p == null) {
            return name + " had no requests " + window + ".";
        }
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "%s: %s %s, %,d failed (%s). p50 %s, p90 %s, p95 %s, p99 %s.",
                name,
                Formats.count(latency.requests(), "request"),
                window,
                latency.errors(),
                Formats.percent(latency.errorRate()),
                Formats.duration(p.p50()),
                Formats.duration(p.p90()),
                Formats.duration(p.p95()),
                Formats.duration(p.p99())));
        latency.buckets().stream()
                .max(Comparator.comparingDouble(LatencyService.Bucket::share))
                .ifPresent(bucket -> text.append(" Most requests (")
                        .append(Formats.percent(bucket.share()))
                        .append(") took ")
                        .append(bucket.label())
                        .append('.'));
        cache(text);
        slow(text);
        return text.toString();
    }

    private void cache(StringBuilder text) {
        List<String> ratios = cache.stream()
                .sorted(Comparator.comparingLong(CacheStats::lookups).reversed())
                .limit(NAMED)
                .map(stats -> stats.operation() + " "
                        + (stats.hitRatio() == null
                                ? "made " + Formats.count(stats.lookups(), "call") + ", hit or miss not recorded"
                                : "hit " + Formats.percent(stats.hitRatio()) + " of "
                                        + Formats.count(stats.lookups(), "lookup")))
                .toList();
        if (!ratios.isEmpty()) {
            text.append(" Cache: ").append(String.join("; ", ratios)).append('.');
        }
    }

    private void slow(StringBuilder text) {
        if (slow.slowRequests() == 0) {
            return;
        }
        text.append(String.format(
                Locale.ROOT,
                " The %s at or above p%s (%s or longer) against the other %,d:",
                Formats.count(slow.slowRequests(), "request"),
                Formats.number(slow.percentile()),
                Formats.duration(slow.thresholdMs()),
                slow.otherRequests()));
        List<SlowRequests.CallDifference> calls =
                slow.calls().stream().limit(NAMED).toList();
        if (calls.isEmpty()) {
            text.append(" no downstream call differs");
        } else {
            text.append(calls.stream()
                    .map(call -> " " + call.operation() + " takes " + Formats.duration(call.msPerSlowRequest())
                            + " per slow request against " + Formats.duration(call.msPerOtherRequest())
                            + " (" + Formats.number(call.callsPerSlowRequest()) + " against "
                            + Formats.number(call.callsPerOtherRequest()) + " calls)")
                    .collect(Collectors.joining(";")));
        }
        List<SlowRequests.OverRepresented> attributes =
                slow.attributes().stream().limit(NAMED).toList();
        if (!attributes.isEmpty()) {
            text.append("; over-represented among them: ")
                    .append(attributes.stream()
                            .map(a -> a.key() + "=" + a.value() + " (" + Formats.percent(a.slowShare()) + " against "
                                    + Formats.percent(a.otherShare()) + " of the rest)")
                            .collect(Collectors.joining(", ")));
        }
        text.append('.');
    }
}
