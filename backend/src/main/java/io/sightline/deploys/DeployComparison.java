package io.sightline.deploys;

import io.sightline.query.RequestStats;
import io.sightline.query.SpanFilter;
import io.sightline.query.TimeWindow;
import io.sightline.security.ProjectAccess;
import io.sightline.span.Durations;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Compares two versions of a service: per endpoint, before and after request counts, error rates
 * and p50/p95/p99, ranked by how much p95 regressed; and the shape of each endpoint's requests —
 * calls per request by statement — flagging a call that appeared or multiplied to several per
 * request as N+1. Durations in milliseconds; percentiles as {@link RequestStats} gives them (exact up
 * to six hours, from the per-minute rollup beyond).
 */
@Service
public class DeployComparison {

    /** A call made at least this often per request, and at least twice as often as before, is an N+1 suspect. */
    static final double N_PLUS_ONE_CALLS = 3;

    private final RequestStats requestStats;
    private final ComparisonQueries queries;
    private final ProjectAccess projectAccess;

    DeployComparison(RequestStats requestStats, ComparisonQueries queries, ProjectAccess projectAccess) {
        this.requestStats = requestStats;
        this.queries = queries;
        this.projectAccess = projectAccess;
    }

    public record Side(
            long requests,
            @Schema(description = "errors / requests, 0-1") double errorRate,
            double p50Ms,
            double p95Ms,
            double p99Ms,

            @Schema(description = "A request of this side to open; null without requests")
            String exampleTraceId) {}

    public record OperationChange(
            String operation,
            double callsPerRequestBefore,
            double callsPerRequestAfter,
            double msPerRequestBefore,
            double msPerRequestAfter,

            @Schema(description = "Made at least 3 times per request after, and at least twice as often as before")
            boolean nPlusOne) {}

    public record EndpointComparison(
            String endpoint,
            Side before,
            Side after,

            @Schema(description = "after.p95Ms / before.p95Ms (2 decimals); 0 without a before")
            double p95Change,

            List<OperationChange> operations,

            @Schema(description = "Sentences for people: N+1 suspects, new and vanished calls")
            List<String> findings) {}

    public record Comparison(
            String service,
            String before,
            String after,
            Instant from,
            Instant to,
            List<EndpointComparison> endpoints) {}

    public Comparison compare(String service, String before, String after, Instant from, Instant to) {
        var projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return new Comparison(service, before, after, from, to, List.of());
        }
        SpanFilter requests = SpanFilter.of(projects, new TimeWindow(from, to)).service(service);
        return compare(service, from, to, new ComparisonQueries.Sides(requests, before, after, false));
    }

    /** Any versions in two windows: [beforeFrom, beforeTo) against [afterFrom, afterTo). */
    public Comparison compareWindows(
            String service, Instant beforeFrom, Instant beforeTo, Instant afterFrom, Instant afterTo) {
        var projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return new Comparison(service, "before", "after", beforeFrom, afterTo, List.of());
        }
        SpanFilter requests = SpanFilter.of(projects, new TimeWindow(beforeFrom, beforeTo))
                .orIn(new TimeWindow(afterFrom, afterTo).named("after"))
                .service(service);
        return compare(service, beforeFrom, afterTo, new ComparisonQueries.Sides(requests, "before", "after", true));
    }

    private Comparison compare(String service, Instant from, Instant to, ComparisonQueries.Sides sides) {
        String before = sides.before();
        String after = sides.after();
        Map<String, Map<String, RequestStats.Stats>> stats = new HashMap<>();
        requestStats
                .stats(sides.requests(), List.of(RequestStats.Key.column("endpoint"), sides.side()))
                .forEach(row -> stats.computeIfAbsent(row.keys().get(0), e -> new HashMap<>())
                        .put(row.keys().get(1), row));
        Map<String, Map<String, String>> examples = new HashMap<>();
        queries.examples(sides)
                .forEach(row -> examples.computeIfAbsent(row.get("endpoint").asString(), e -> new HashMap<>())
                        .put(row.get("version").asString(), row.get("trace_id").asString()));
        Map<String, Map<String, Map<String, long[]>>> calls =
                new HashMap<>(); // endpoint → operation → version → {calls, ns}
        queries.operations(sides)
                .forEach(row -> calls.computeIfAbsent(row.get("endpoint").asString(), e -> new HashMap<>())
                        .computeIfAbsent(row.get("operation").asString(), o -> new HashMap<>())
                        .put(row.get("version").asString(), new long[] {
                            row.get("calls").asLong(), row.get("total_ns").asLong()
                        }));

        List<EndpointComparison> endpoints = new ArrayList<>();
        stats.forEach((endpoint, byVersion) -> {
            Side beforeSide = side(
                    byVersion.get(before),
                    examples.getOrDefault(endpoint, Map.of()).get(before));
            Side afterSide = side(
                    byVersion.get(after),
                    examples.getOrDefault(endpoint, Map.of()).get(after));
            List<OperationChange> operations = operations(
                    calls.getOrDefault(endpoint, Map.of()), before, after, beforeSide.requests(), afterSide.requests());
            List<String> findings = new ArrayList<>();
            for (OperationChange operation : operations) {
                if (operation.nPlusOne()) {
                    findings.add(String.format(
                            Locale.ROOT,
                            "N+1: %s went from %s to %s calls per request",
                            operation.operation(),
                            plain(operation.callsPerRequestBefore()),
                            plain(operation.callsPerRequestAfter())));
                } else if (operation.callsPerRequestBefore() == 0 && operation.callsPerRequestAfter() > 0) {
                    findings.add("new call: " + operation.operation());
                } else if (operation.callsPerRequestAfter() == 0 && operation.callsPerRequestBefore() > 0) {
                    findings.add("vanished call: " + operation.operation());
                }
            }
            double change =
                    beforeSide.p95Ms() == 0 ? 0 : Math.round(afterSide.p95Ms() / beforeSide.p95Ms() * 100) / 100.0;
            endpoints.add(new EndpointComparison(endpoint, beforeSide, afterSide, change, operations, findings));
        });
        endpoints.sort(Comparator.comparingDouble(
                        (EndpointComparison e) -> e.after().p95Ms() - e.before().p95Ms())
                .reversed());
        return new Comparison(service, before, after, from, to, endpoints);
    }

    private static List<OperationChange> operations(
            Map<String, Map<String, long[]>> byOperation,
            String before,
            String after,
            long requestsBefore,
            long requestsAfter) {
        List<OperationChange> changes = new ArrayList<>();
        Set<String> names = new HashSet<>(byOperation.keySet());
        for (String operation : names) {
            long[] was = byOperation.get(operation).getOrDefault(before, new long[2]);
            long[] now = byOperation.get(operation).getOrDefault(after, new long[2]);
            double perBefore = requestsBefore == 0 ? 0 : round((double) was[0] / requestsBefore);
            double perAfter = requestsAfter == 0 ? 0 : round((double) now[0] / requestsAfter);
            double msBefore = requestsBefore == 0 ? 0 : round(was[1] / 1e6 / requestsBefore);
            double msAfter = requestsAfter == 0 ? 0 : round(now[1] / 1e6 / requestsAfter);
            boolean nPlusOne = perAfter >= N_PLUS_ONE_CALLS && perAfter >= 2 * perBefore;
            changes.add(new OperationChange(operation, perBefore, perAfter, msBefore, msAfter, nPlusOne));
        }
        changes.sort(Comparator.comparingDouble((OperationChange c) -> c.msPerRequestAfter() - c.msPerRequestBefore())
                .reversed());
        return changes;
    }

    private static Side side(RequestStats.Stats row, String example) {
        if (row == null) {
            return new Side(0, 0, 0, 0, 0, null);
        }
        long requests = row.requests();
        return new Side(
                requests,
                round((double) row.errors() / requests),
                Durations.millis(row.nanos().p50()),
                Durations.millis(row.nanos().p95()),
                Durations.millis(row.nanos().p99()),
                example);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
