package io.sightline.alerts;

import io.sightline.query.RequestStats;
import io.sightline.query.SpanFilter;
import io.sightline.query.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A threshold rule's metric over its window ending now, always from the per-minute rollup
 * ({@link RequestStats#statsFromRollup}), never raw spans: one small read per rule and minute, whatever
 * the traffic. Percentiles are the rollup's (within 0.5 %); the window's first minute counts whole.
 */
@Component
class ThresholdMeasure {

    private final RequestStats requestStats;

    ThresholdMeasure(RequestStats requestStats) {
        this.requestStats = requestStats;
    }

    Finding measure(AlertRule rule, Instant now) {
        Instant from = now.minus(rule.window());
        // The rule's own project: the query layer takes the projects to read as they are.
        SpanFilter filter = SpanFilter.of(Set.of(rule.projectId()), new TimeWindow(from, now))
                .service(rule.service());
        if (rule.endpoint() != null) {
            filter = filter.endpoint(rule.endpoint());
        }
        RequestStats.Stats stats =
                requestStats.statsFromRollup(filter, List.of()).getFirst();
        Double value = value(rule.metric(), stats, rule.window());
        boolean crossed = value != null && rule.operator().crosses(value, rule.threshold());
        Breach breach = new Breach(
                rule.projectId(),
                rule.service(),
                rule.endpoint(),
                rule.metric(),
                rule.operator().apiName(),
                rule.threshold(),
                value == null ? 0 : value,
                from,
                now,
                null);
        return new Finding(crossed ? Transitions.Condition.HOLDS : Transitions.Condition.CLEAR, breach, value, null);
    }

    /**
     * The metric in its unit (ms, 0–1, requests per minute); null for a percentile or an error rate
     * of a window without requests, which crosses no line.
     */
    static Double value(AlertMetric metric, RequestStats.Stats stats, Duration window) {
        if (metric != AlertMetric.THROUGHPUT && stats.requests() == 0) {
            return null;
        }
        RequestStats.Percentiles nanos = stats.nanos();
        return switch (metric) {
            case THROUGHPUT -> stats.requests() / (double) window.toMinutes();
            case P50 -> nanos.p50() / 1e6;
            case P90 -> nanos.p90() / 1e6;
            case P95 -> nanos.p95() / 1e6;
            case P99 -> nanos.p99() / 1e6;
            case ERROR_RATE -> stats.errors() / (double) stats.requests();
        };
    }
}
