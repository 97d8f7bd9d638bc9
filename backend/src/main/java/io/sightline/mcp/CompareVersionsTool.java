package io.sightline.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.sightline.deploys.DeployComparison;
import io.sightline.deploys.DeployComparison.EndpointComparison;
import io.sightline.deploys.DeployVerdict;
import io.sightline.web.BadParameterException;
import io.sightline.web.Formats;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code compare_versions}: a service's two versions over one window, or any two windows, as
 * {@code GET /api/v1/compare} takes them ({@link DeployComparison}), with the deploy's verdict
 * ({@link DeployVerdict}): endpoints ranked by p95 regression, the N+1 introduced, example traces.
 */
@Component
class CompareVersionsTool implements McpTool {

    /** Endpoints the conclusion ranks at most. */
    static final int RANKED = 3;

    private final DeployComparison comparison;

    CompareVersionsTool(DeployComparison comparison) {
        this.comparison = comparison;
    }

    record VersionComparison(DeployVerdict verdict, DeployComparison.Comparison comparison) {}

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder()
                .name("compare_versions")
                .title("Compare two versions or windows")
                .description("What a deploy changed in a service: per endpoint, requests, error rate and"
                        + " p50/p95/p99 before and after, ranked by how much p95 regressed; calls per request by"
                        + " statement, a call that appeared or multiplied flagged as N+1; an example trace of each"
                        + " side. Either two versions over one window (before, after, and from/to or range), or any"
                        + " two windows (beforeFrom, beforeTo, afterFrom, afterTo).")
                .annotations(READS)
                .inputSchema(new ToolSchema()
                        .text("service", ToolSchema.SERVICE)
                        .text("before", "The earlier version (service.version); required unless comparing windows.")
                        .text("after", "The later version; required unless comparing windows.")
                        .text("beforeFrom", "Start of the before window: " + ToolSchema.WINDOW_BOUND)
                        .text("beforeTo", "End of the before window: " + ToolSchema.WINDOW_BOUND)
                        .text(
                                "afterFrom",
                                "Start of the after window: " + ToolSchema.WINDOW_BOUND
                                        + " With afterFrom, the comparison is of two windows: all four are required.")
                        .text("afterTo", "End of the after window: " + ToolSchema.WINDOW_BOUND)
                        .window("24h", false)
                        .required("service")
                        .build())
                .build();
    }

    @Override
    public Answer answer(ToolArguments arguments) {
        Map<String, List<String>> parameters = arguments.parameters();
        String service = Parameters.first(parameters, "service");
        if (service == null) {
            throw new BadParameterException("service", "is required");
        }
        DeployComparison.Comparison compared = Parameters.first(parameters, "afterFrom") != null
                ? windows(service, parameters)
                : versions(service, parameters);
        VersionComparison found = new VersionComparison(DeployVerdict.of(compared), compared);
        return new Answer(conclusion(found), found);
    }

    private DeployComparison.Comparison versions(String service, Map<String, List<String>> parameters) {
        TimeRange window = TimeRange.of(parameters, "24h", Instant.now());
        String before = Parameters.first(parameters, "before");
        String after = Parameters.first(parameters, "after");
        if (before == null || after == null) {
            throw new BadParameterException(
                    before == null ? "before" : "after", "is required: the versions to compare");
        }
        return comparison.compare(service, before, after, window.from(), window.to());
    }

    private DeployComparison.Comparison windows(String service, Map<String, List<String>> parameters) {
        TimeRange before = TimeRange.between(
                "beforeFrom", instant(parameters, "beforeFrom"), "beforeTo", instant(parameters, "beforeTo"));
        TimeRange after = TimeRange.between(
                "afterFrom", instant(parameters, "afterFrom"), "afterTo", instant(parameters, "afterTo"));
        return comparison.compareWindows(service, before.from(), before.to(), after.from(), after.to());
    }

    private static Instant instant(Map<String, List<String>> parameters, String name) {
        String text = Parameters.first(parameters, name);
        if (text == null) {
            throw new BadParameterException(name, "is required when comparing two windows");
        }
        return Parameters.instant(name, text);
    }

    static String conclusion(VersionComparison found) {
        DeployComparison.Comparison compared = found.comparison();
        StringBuilder text = new StringBuilder(compared.service())
                .append(' ')
                .append(compared.before())
                .append(" against ")
                .append(compared.after())
                .append(' ')
                .append(ToolWindows.between(compared.from(), compared.to()))
                .append(". ")
                .append(found.verdict().headline());
        List<EndpointComparison> ranked = compared.endpoints().stream()
                .filter(e -> e.before().requests() > 0 && e.after().requests() > 0)
                .limit(RANKED)
                .toList();
        if (!ranked.isEmpty()) {
            text.append(" Ranked by p95 regression: ")
                    .append(ranked.stream()
                            .map(e -> e.endpoint() + " "
                                    + Formats.duration(e.before().p95Ms()) + " → "
                                    + Formats.duration(e.after().p95Ms()))
                            .collect(Collectors.joining(", ")))
                    .append('.');
            EndpointComparison worst = ranked.getFirst();
            text.append(" Example traces of ")
                    .append(worst.endpoint())
                    .append(": ")
                    .append(compared.before())
                    .append(' ')
                    .append(worst.before().exampleTraceId())
                    .append(", ")
                    .append(compared.after())
                    .append(' ')
                    .append(worst.after().exampleTraceId())
                    .append('.');
        }
        return text.toString();
    }
}
