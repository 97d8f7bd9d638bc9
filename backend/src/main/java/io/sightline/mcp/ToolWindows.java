package io.sightline.mcp;

import io.sightline.markers.DeployWindows;
import io.sightline.web.TimeRange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A tool's window, read as the pages and the search API read theirs: deploy windows first
 * ({@link DeployWindows}), then {@link TimeRange} with the tool's default range.
 */
@Component
class ToolWindows {

    private final DeployWindows deployWindows;

    ToolWindows(DeployWindows deployWindows) {
        this.deployWindows = deployWindows;
    }

    /**
     * @param parameters the arguments with the window written as {@code from} and {@code to}, as
     *     ISO-8601 (and, for {@code deploy=service@version}, the deploy's {@code service})
     * @param described the window in words, for conclusions
     */
    record Window(Instant from, Instant to, Map<String, List<String>> parameters, String described) {}

    Window resolve(ToolArguments arguments, String defaultRange, Instant now) {
        DeployWindows.Resolved resolved = deployWindows.resolve(arguments.parameters(), now);
        TimeRange range = TimeRange.of(resolved.parameters(), defaultRange, now);
        String described = resolved.window() != null ? resolved.window() : between(range.from(), range.to());
        Map<String, List<String>> parameters = new HashMap<>(resolved.parameters());
        parameters.remove("range");
        parameters.put("from", List.of(range.from().toString()));
        parameters.put("to", List.of(range.to().toString()));
        return new Window(range.from(), range.to(), parameters, described);
    }

    /** "between 2026-11-30T05:00:00Z and 2026-11-30T06:00:00Z", to the second. */
    static String between(Instant from, Instant to) {
        return "between " + from.truncatedTo(ChronoUnit.SECONDS) + " and " + to.truncatedTo(ChronoUnit.SECONDS);
    }
}
