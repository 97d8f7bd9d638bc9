package io.sightline.deploys;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a deploy did, in a line, from the {@link DeployComparison} of the version it replaced
 * ({@code before}) and itself ({@code after}): the endpoint whose p95 worsened most, the endpoint whose
 * error rate rose most, and the first N+1 the comparison flags. {@code missing} says which side had no
 * requests in the window, when one had none: then there is nothing to judge.
 */
public record DeployVerdict(
        @Schema(description = "One sentence for people: N+1 first, then p95 and error rate, or what is missing")
        String headline,

        @Schema(description = "true when an N+1 appeared, or the worst p95 rose 20 % or more, or an error rate rose")
        boolean regressed,

        @Schema(description = "The endpoint whose p95 rose most (or fell least); null without requests on both sides")
        P95Change worstP95,

        @Schema(description = "The endpoint whose error rate rose most; null without requests on both sides")
        ErrorRateChange errorRate,

        @Schema(description = "The first N+1 the comparison flags; null when none")
        NPlusOne nPlusOne,

        @Schema(
                description =
                        "Which side had no requests in the window, and so why there is no verdict; null when both had")
        String missing,

        @Schema(description = "The compared window's start (ISO-8601)")
        Instant from,

        @Schema(description = "The compared window's end (ISO-8601)")
        Instant to) {

    /** A worsening of at least this share of the p95 counts as a regression. */
    static final double P95_REGRESSION = 0.2;

    public record P95Change(
            String endpoint,
            double beforeMs,
            double afterMs,
            double changeMs,

            @Schema(description = "changeMs / beforeMs * 100, one decimal; null when beforeMs is 0")
            Double changePercent) {}

    public record ErrorRateChange(
            String endpoint,
            @Schema(description = "0-1") double before,
            @Schema(description = "0-1") double after) {}

    public record NPlusOne(
            String endpoint,
            String statement,
            double callsPerRequestBefore,
            double callsPerRequestAfter,

            @Schema(
                    description =
                            "The comparison's sentence, such as \"N+1: SELECT … went from 1 to 47 calls per request\"")
            String finding) {}

    /** The verdict of a comparison whose {@code before} is the replaced version and {@code after} the new one. */
    public static DeployVerdict of(DeployComparison.Comparison comparison) {
        List<DeployComparison.EndpointComparison> endpoints = comparison.endpoints();
        long before = endpoints.stream().mapToLong(e -> e.before().requests()).sum();
        long after = endpoints.stream().mapToLong(e -> e.after().requests()).sum();
        String missing = missing(comparison, before, after);
        if (missing != null) {
            return new DeployVerdict(
                    "No verdict: " + missing, false, null, null, null, missing, comparison.from(), comparison.to());
        }
        List<DeployComparison.EndpointComparison> onBothSides = endpoints.stream()
                .filter(e -> e.before().requests() > 0 && e.after().requests() > 0)
                .toList();
        P95Change p95 = onBothSides.stream()
                .max(Comparator.comparingDouble(
                        e -> e.after().p95Ms() - e.before().p95Ms()))
                .map(DeployVerdict::p95Change)
                .orElse(null);
        ErrorRateChange errors = onBothSides.stream()
                .max(Comparator.comparingDouble(
                        e -> e.after().errorRate() - e.before().errorRate()))
                .map(e -> new ErrorRateChange(
                        e.endpoint(), e.before().errorRate(), e.after().errorRate()))
                .orElse(null);
        NPlusOne nPlusOne = null;
        for (DeployComparison.EndpointComparison endpoint : endpoints) {
            for (int i = 0; i < endpoint.operations().size() && nPlusOne == null; i++) {
                DeployComparison.OperationChange operation =
                        endpoint.operations().get(i);
                if (operation.nPlusOne()) {
                    nPlusOne = new NPlusOne(
                            endpoint.endpoint(),
                            operation.operation(),
                            operation.callsPerRequestBefore(),
                            operation.callsPerRequestAfter(),
                            endpoint.findings().stream()
                                    .filter(f -> f.startsWith("N+1: " + operation.operation() + " "))
                                    .findFirst()
                                    .orElse("N+1: " + operation.operation()));
                }
            }
        }
        boolean slower = p95 != null && p95.beforeMs() > 0 && p95.changeMs() >= p95.beforeMs() * P95_REGRESSION;
        boolean failing = errors != null && errors.after() > errors.before();
        return new DeployVerdict(
                headline(nPlusOne, p95, errors),
                nPlusOne != null || slower || failing,
                p95,
                errors,
                nPlusOne,
                null,
                comparison.from(),
                comparison.to());
    }

    private static String missing(DeployComparison.Comparison comparison, long before, long after) {
        if (before > 0 && after > 0) {
            return null;
        }
        String side = before == 0 && after == 0
                ? "neither " + comparison.before() + " nor " + comparison.after() + " has requests"
                : (before == 0 ? comparison.before() : comparison.after()) + " has no requests";
        return side + " between " + comparison.from() + " and " + comparison.to()
                + " (no spans of that service.version were received in the window)";
    }

    private static P95Change p95Change(DeployComparison.EndpointComparison e) {
        double change = Math.round((e.after().p95Ms() - e.before().p95Ms()) * 1000) / 1000.0;
        Double percent =
                e.before().p95Ms() == 0 ? null : Math.round(change / e.before().p95Ms() * 1000) / 10.0;
        return new P95Change(e.endpoint(), e.before().p95Ms(), e.after().p95Ms(), change, percent);
    }

    private static String headline(NPlusOne nPlusOne, P95Change p95, ErrorRateChange errors) {
        StringBuilder headline = new StringBuilder();
        if (nPlusOne != null) {
            headline.append(nPlusOne.finding())
                    .append(" on ")
                    .append(nPlusOne.endpoint())
                    .append(". ");
        }
        if (p95 != null) {
            headline.append(String.format(
                    Locale.ROOT,
                    "Worst p95: %s %s → %s ms (%s%s). ",
                    p95.endpoint(),
                    plain(p95.beforeMs()),
                    plain(p95.afterMs()),
                    p95.changeMs() >= 0 ? "+" : "",
                    p95.changePercent() == null ? plain(p95.changeMs()) + " ms" : plain(p95.changePercent()) + " %"));
        }
        if (errors != null) {
            headline.append(String.format(
                    Locale.ROOT,
                    "Error rate: %s %s %% → %s %%.",
                    errors.endpoint(),
                    plain(Math.round(errors.before() * 1000) / 10.0),
                    plain(Math.round(errors.after() * 1000) / 10.0)));
        }
        return headline.toString().strip();
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
