package io.sightline.alerts;

import java.time.Instant;

/**
 * What a rule saw when it was evaluated: the measured value against its line, over which window, and
 * for a deploy rule the versions it compared. The evidence of a notification is gathered from this.
 *
 * @param endpoint null when the rule covers all of the service's endpoints
 * @param metric for a deploy rule, the metric that regressed (P95 or ERROR_RATE), or null for an N+1
 * @param threshold the rule's line, in the metric's unit (ms, 0–1, requests per minute); for a deploy
 *     rule the previous version's value times the rule's factor
 * @param value the measured value in the same unit
 * @param deploy null for a threshold rule
 */
public record Breach(
        long projectId,
        String service,
        String endpoint,
        AlertMetric metric,
        String operator,
        double threshold,
        double value,
        Instant from,
        Instant to,
        DeployRegression deploy) {

    /**
     * A deploy rule's finding: {@code version} of the service, compared with {@code previousVersion},
     * and the comparison's own sentence (for an N+1: the statement and its count before → after).
     */
    public record DeployRegression(String version, String previousVersion, String finding) {}
}
