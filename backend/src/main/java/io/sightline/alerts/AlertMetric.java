package io.sightline.alerts;

/** What a threshold rule watches, named in the API as {@code p50 … p99}, {@code error_rate}, {@code throughput}. */
public enum AlertMetric {
    P50("p50"),
    P90("p90"),
    P95("p95"),
    P99("p99"),
    /** Failed requests over all requests, 0–1. */
    ERROR_RATE("error_rate"),
    /** Requests per minute. */
    THROUGHPUT("throughput");

    private final String apiName;

    AlertMetric(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Whether the metric is a latency percentile (its value and threshold in ms). */
    public boolean isPercentile() {
        return this != ERROR_RATE && this != THROUGHPUT;
    }
}
