package io.sightline.alerts;

import io.sightline.deploys.DeployComparison;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a deploy rule fires on a deploy, from the comparison of the version it replaced (before)
 * with the new one (after), in this order: an N+1 the comparison itself flags (its finding
 * sentence, such as "N+1: SELECT … went from 1 to 47 calls per request"); an endpoint whose p95 rose
 * beyond {@code factor} times the previous version's (the largest ratio); an endpoint whose error
 * rate rose beyond {@code factor} times the previous version's and by at least one percentage point,
 * so a first stray error after a clean version does not fire. Only endpoints with requests on both
 * sides are judged.
 */
final class DeployRegressions {

    /** An error rate must rise at least this much (a fraction) besides the factor. */
    static final double MIN_ERROR_RATE_RISE = 0.01;

    private DeployRegressions() {}

    /** What regressed, with the metric (null for an N+1), the line, the value, and the sentence. */
    record Regression(String endpoint, AlertMetric metric, double threshold, double value, String finding) {}

    static Optional<Regression> find(DeployComparison.Comparison comparison, double factor) {
        for (DeployComparison.EndpointComparison endpoint : comparison.endpoints()) {
            for (DeployComparison.OperationChange operation : endpoint.operations()) {
                if (operation.nPlusOne()) {
                    String finding = endpoint.findings().stream()
                            .filter(f -> f.startsWith("N+1: " + operation.operation() + " "))
                            .findFirst()
                            .orElse("N+1: " + operation.operation());
                    return Optional.of(new Regression(
                            endpoint.endpoint(),
                            null,
                            operation.callsPerRequestBefore(),
                            operation.callsPerRequestAfter(),
                            finding + " on " + endpoint.endpoint()));
                }
            }
        }
        return p95(comparison, factor).or(() -> errorRate(comparison, factor));
    }

    /** Whether both versions had requests in the compared window, so that a clean answer means something. */
    static boolean judged(DeployComparison.Comparison comparison) {
        return comparison.endpoints().stream().anyMatch(e -> e.before().requests() > 0)
                && comparison.endpoints().stream().anyMatch(e -> e.after().requests() > 0);
    }

    private static Optional<Regression> p95(DeployComparison.Comparison comparison, double factor) {
        return comparison.endpoints().stream()
                .filter(e -> onBothSides(e) && e.before().p95Ms() > 0)
                .filter(e -> e.after().p95Ms() > e.before().p95Ms() * factor)
                .max(Comparator.comparingDouble(
                        e -> e.after().p95Ms() / e.before().p95Ms()))
                .map(e -> new Regression(
                        e.endpoint(),
                        AlertMetric.P95,
                        e.before().p95Ms() * factor,
                        e.after().p95Ms(),
                        String.format(
                                Locale.ROOT,
                                "p95 of %s went from %.1f ms to %.1f ms (×%.1f, beyond the rule's ×%s)",
                                e.endpoint(),
                                e.before().p95Ms(),
                                e.after().p95Ms(),
                                e.after().p95Ms() / e.before().p95Ms(),
                                AlertViews.plain(factor))));
    }

    private static Optional<Regression> errorRate(DeployComparison.Comparison comparison, double factor) {
        return comparison.endpoints().stream()
                .filter(DeployRegressions::onBothSides)
                .filter(e -> e.after().errorRate() > e.before().errorRate() * factor
                        && e.after().errorRate() - e.before().errorRate() >= MIN_ERROR_RATE_RISE)
                .max(Comparator.comparingDouble(
                        e -> e.after().errorRate() - e.before().errorRate()))
                .map(e -> new Regression(
                        e.endpoint(),
                        AlertMetric.ERROR_RATE,
                        e.before().errorRate() * factor,
                        e.after().errorRate(),
                        String.format(
                                Locale.ROOT,
                                "error rate of %s went from %.1f %% to %.1f %% (beyond the rule's ×%s)",
                                e.endpoint(),
                                e.before().errorRate() * 100,
                                e.after().errorRate() * 100,
                                AlertViews.plain(factor))));
    }

    private static boolean onBothSides(DeployComparison.EndpointComparison endpoint) {
        return endpoint.before().requests() > 0 && endpoint.after().requests() > 0;
    }
}
