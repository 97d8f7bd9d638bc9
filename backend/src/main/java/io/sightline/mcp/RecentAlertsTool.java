package io.sightline.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.sightline.alerts.AlertViews;
import io.sightline.alerts.Evidence;
import io.sightline.alerts.RecentAlerts;
import io.sightline.alerts.RecentAlerts.RecentAlert;
import io.sightline.web.Formats;
import io.sightline.web.Parameters;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code recent_alerts}: what fired and resolved in the window, newest first, each with the value
 * against the line, the window it was measured over and its evidence — the exemplar traces with
 * their diagnosis — as {@link RecentAlerts} gives it (the rules' histories the caller may read).
 */
@Component
class RecentAlertsTool implements McpTool {

    static final String DEFAULT_LIMIT = "20";

    /** Firings the conclusion describes at most; the data holds every event. */
    static final int DESCRIBED = 5;

    private final RecentAlerts alerts;
    private final ToolWindows windows;

    RecentAlertsTool(RecentAlerts alerts, ToolWindows windows) {
        this.alerts = alerts;
        this.windows = windows;
    }

    /** The window and the alerts in it, newest first. */
    record Alerts(Instant from, Instant to, List<RecentAlert> alerts) {}

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder()
                .name("recent_alerts")
                .title("Recent alerts")
                .description("The alert rules that fired or resolved in the window, newest first: the rule, its"
                        + " state, the value against the threshold and the window it was measured over (for a"
                        + " deploy rule, the versions and what regressed), and the evidence: up to five exemplar"
                        + " traces that crossed the line, each with its trace ID, duration, link and diagnosis, and"
                        + " what sets the slow requests apart. Pass an exemplar's trace ID to diagnose_trace for"
                        + " its critical path.")
                .annotations(READS)
                .inputSchema(new ToolSchema()
                        .text("service", "Only the alerts of rules on this service (service.name).")
                        .integer(
                                "limit",
                                "Alerts at most, newest first, 1 to " + RecentAlerts.MAX_LIMIT + ". Default: "
                                        + DEFAULT_LIMIT + ".")
                        .window("24h", false)
                        .build())
                .build();
    }

    @Override
    public Answer answer(ToolArguments arguments) {
        ToolWindows.Window window = windows.resolve(arguments, "24h", Instant.now());
        String service = Parameters.first(window.parameters(), "service");
        String limit = arguments.text("limit");
        int max = Parameters.wholeNumber("limit", limit == null ? DEFAULT_LIMIT : limit, 1, RecentAlerts.MAX_LIMIT);
        List<RecentAlert> found = alerts.recent(service, window.from(), window.to(), max);
        return new Answer(conclusion(found, window.described()), new Alerts(window.from(), window.to(), found));
    }

    static String conclusion(List<RecentAlert> alerts, String window) {
        if (alerts.isEmpty()) {
            return "No alert fired or resolved " + window + " in this project.";
        }
        List<RecentAlert> fired = alerts.stream()
                .filter(alert -> alert.event().state().equals("firing"))
                .toList();
        StringBuilder text = new StringBuilder(Formats.count(fired.size(), "alert"))
                .append(" fired ")
                .append(window);
        long resolved = alerts.size() - fired.size();
        text.append(resolved == 0 ? "" : " and " + Formats.count(resolved, "resolved", "resolved"))
                .append(fired.isEmpty() ? "." : ":");
        fired.stream().limit(DESCRIBED).forEach(alert -> text.append(' ').append(firing(alert)));
        if (fired.size() > DESCRIBED) {
            text.append(" And ").append(fired.size() - DESCRIBED).append(" more in the data.");
        }
        return text.toString();
    }

    /** "Checkout p99 on checkout POST /checkout at 06:20:00Z: p99 1.20 s (line 1.00 s). Exemplar: …". */
    private static String firing(RecentAlert alert) {
        AlertViews.Event event = alert.event();
        StringBuilder text = new StringBuilder(alert.rule())
                .append(" on ")
                .append(alert.service())
                .append(event.endpoint() == null ? "" : " " + event.endpoint())
                .append(" at ")
                .append(event.at().truncatedTo(ChronoUnit.SECONDS))
                .append(": ");
        if (event.deploy() != null) {
            text.append(event.deploy().version())
                    .append(" after ")
                    .append(event.deploy().previousVersion())
                    .append(", ")
                    .append(event.deploy().finding());
        } else {
            text.append(event.metric()).append(' ').append(event.valueText());
        }
        text.append('.');
        List<Evidence.Exemplar> exemplars = event.evidence().exemplars();
        if (!exemplars.isEmpty()) {
            Evidence.Exemplar first = exemplars.getFirst();
            text.append(" Exemplar: trace ")
                    .append(first.traceId())
                    .append(", ")
                    .append(Formats.duration(first.durationMs()))
                    .append(first.diagnosis() == null ? "" : ": " + first.diagnosis())
                    .append('.');
        }
        return text.toString();
    }
}
