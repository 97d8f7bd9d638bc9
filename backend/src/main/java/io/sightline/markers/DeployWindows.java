package io.sightline.markers;

import io.sightline.web.BadParameterException;
import io.sightline.web.Parameters;
import io.sightline.web.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Deploy windows as time ranges, for the pages and APIs that offer them:
 * <ul>
 *   <li>{@code deploy=service@version}: that version's time, from its marker to the next marker of
 *       the same service in the same project and environment, or now. It also sets {@code service},
 *       and {@code environment} when the deploy names one; it does not filter by version, so a
 *       rolling deploy's last old-version requests stay visible (add {@code version} for that).
 *   <li>{@code range=deploy:last}: since the newest deploy in scope — of {@code service} when given,
 *       else of any service — until now.
 *   <li>{@code range=deploy:previous}: the deploy before it, from its marker to the newest one's.
 * </ul>
 * {@link #resolve} rewrites them into {@code from} and {@code to}, so {@link TimeRange} and every
 * filter read them as usual. A window longer than {@link TimeRange#MAX_LENGTH} keeps its first 31
 * days ({@code deploy:last}: its last 31 days, up to now). Every value that cannot be used is a
 * {@link BadParameterException} naming {@code deploy} or {@code range}.
 */
@Service
public class DeployWindows {

    public static final String LAST = "deploy:last";
    public static final String PREVIOUS = "deploy:previous";
    private static final int MAX_NAME = 200;

    /**
     * Markers are stored to the microsecond, rounded or truncated by the database, while the span a
     * detected marker is dated by starts to the nanosecond: a window's edge is one microsecond before
     * the stored time, so the first request of a version falls inside its window and outside the one
     * before.
     */
    static final Duration STORED_PRECISION = Duration.ofNanos(1_000);

    private final DeployMarkers markers;

    DeployWindows(DeployMarkers markers) {
        this.markers = markers;
    }

    /** {@code parameters} with the deploy window written as from and to; {@code window} says which, null when none. */
    public record Resolved(Map<String, List<String>> parameters, String window) {}

    record ServiceVersion(String service, String version) {}

    public Resolved resolve(Map<String, List<String>> parameters, Instant now) {
        String deploy = Parameters.first(parameters, "deploy");
        String range = Parameters.first(parameters, "range");
        boolean timeGiven = Parameters.first(parameters, "from") != null || Parameters.first(parameters, "to") != null;
        if (deploy != null) {
            if (timeGiven || range != null) {
                throw new BadParameterException("deploy", "sets the window itself: leave out from, to and range");
            }
            return ofDeploy(parameters, parse(deploy), now);
        }
        if (range == null || !range.startsWith("deploy:") || timeGiven) {
            return new Resolved(parameters, null);
        }
        String service = Parameters.first(parameters, "service");
        String scope = service == null ? "any service" : service;
        List<DeployMarker> latest = markers.latest(service, Parameters.first(parameters, "environment"), 2);
        TimeRange window;
        String described;
        if (range.equals(LAST)) {
            window = sinceLast(latest, now, scope);
            described = "since the last deploy: " + name(latest.getFirst()) + " at "
                    + latest.getFirst().at();
        } else if (range.equals(PREVIOUS)) {
            window = deployBefore(latest, scope);
            described = "the deploy before: " + name(latest.get(1)) + " at "
                    + latest.get(1).at() + ", until " + name(latest.getFirst()) + " at "
                    + latest.getFirst().at();
        } else {
            throw new BadParameterException("range", "use deploy:last or deploy:previous, or a length such as 1h");
        }
        return new Resolved(withWindow(parameters, window, "range"), described);
    }

    private Resolved ofDeploy(Map<String, List<String>> parameters, ServiceVersion deploy, Instant now) {
        String service = Parameters.first(parameters, "service");
        if (service != null && !service.equals(deploy.service())) {
            throw new BadParameterException(
                    "deploy", "is a deploy of " + deploy.service() + ", but 'service' asks for " + service);
        }
        String environment = Parameters.first(parameters, "environment");
        List<Deployed> found = markers.ofVersion(deploy.service(), deploy.version()).stream()
                .filter(d -> environment == null || d.deploy().environment().equals(environment))
                .toList();
        if (found.isEmpty()) {
            throw new BadParameterException(
                    "deploy",
                    "no deploy of " + deploy.service() + " version " + deploy.version() + " is known"
                            + (environment == null ? "" : " in environment " + environment));
        }
        List<String> environments = found.stream()
                .map(d -> d.deploy().environment())
                .distinct()
                .sorted()
                .toList();
        if (environments.size() > 1) {
            throw new BadParameterException(
                    "deploy",
                    "was deployed to several environments (" + String.join(", ", environments)
                            + "): add environment to choose one");
        }
        // The same version in several projects: the window covers all of them.
        TimeRange window = null;
        for (Deployed deployed : found) {
            TimeRange one = window(deployed, now);
            window = window == null
                    ? one
                    : new TimeRange(
                            one.from().isBefore(window.from()) ? one.from() : window.from(),
                            one.to().isAfter(window.to()) ? one.to() : window.to());
        }
        window = TimeRange.between("deploy", window.from(), "the next deploy", clamp(window));
        Map<String, List<String>> rewritten = withWindow(parameters, window, "deploy");
        rewritten.put("service", List.of(deploy.service()));
        if (!environments.getFirst().isEmpty()) {
            rewritten.put("environment", List.of(environments.getFirst()));
        }
        Deployed first = found.getFirst();
        return new Resolved(
                rewritten,
                "the deploy window of " + name(first.deploy()) + ": from " + window.from() + " until "
                        + (first.next() == null
                                ? "now"
                                : "the deploy of " + first.next().version() + " at " + window.to()));
    }

    /** {@code service@version}, both non-blank; the version is what follows the last {@code @}. */
    static ServiceVersion parse(String deploy) {
        int at = deploy.lastIndexOf('@');
        String service = at < 0 ? "" : deploy.substring(0, at).strip();
        String version = at < 0 ? "" : deploy.substring(at + 1).strip();
        if (service.isEmpty() || version.isEmpty() || service.length() > MAX_NAME || version.length() > MAX_NAME) {
            throw new BadParameterException("deploy", "write it as service@version, such as checkout@1.5.0");
        }
        return new ServiceVersion(service, version);
    }

    /** A deploy's own time: from its marker to the next one's, or now. */
    static TimeRange window(Deployed deployed, Instant now) {
        Instant from = edge(deployed.deploy());
        Instant to = deployed.next() == null ? now : edge(deployed.next());
        if (!from.isBefore(to)) {
            throw new BadParameterException(
                    "deploy",
                    deployed.next() == null
                            ? "was marked at " + deployed.deploy().at() + ", after now: its window has not begun"
                            : "has an empty window: " + deployed.next().version() + " was marked at the same time");
        }
        return new TimeRange(from, to);
    }

    /** {@code range=deploy:last}: from the newest marker until now (its last 31 days at most). */
    static TimeRange sinceLast(List<DeployMarker> newestFirst, Instant now, String scope) {
        if (newestFirst.isEmpty()) {
            throw new BadParameterException("range", "deploy:last: no deploy of " + scope + " is known");
        }
        Instant from = edge(newestFirst.getFirst());
        Instant earliest = now.minus(TimeRange.MAX_LENGTH);
        if (!from.isBefore(now)) {
            throw new BadParameterException(
                    "range",
                    "deploy:last: the last deploy is marked after now, at "
                            + newestFirst.getFirst().at());
        }
        return new TimeRange(from.isBefore(earliest) ? earliest : from, now);
    }

    /** {@code range=deploy:previous}: from the second-newest marker to the newest (its first 31 days at most). */
    static TimeRange deployBefore(List<DeployMarker> newestFirst, String scope) {
        if (newestFirst.size() < 2) {
            throw new BadParameterException(
                    "range", "deploy:previous: fewer than two deploys of " + scope + " are known");
        }
        Instant from = edge(newestFirst.get(1));
        Instant to = edge(newestFirst.getFirst());
        if (!from.isBefore(to)) {
            throw new BadParameterException(
                    "range", "deploy:previous: the last two deploys are marked at the same time");
        }
        TimeRange window = new TimeRange(from, to);
        return new TimeRange(from, clamp(window));
    }

    /** Where a deploy's window begins (and the one before it ends). */
    static Instant edge(DeployMarker marker) {
        return marker.at().minus(STORED_PRECISION);
    }

    private static Instant clamp(TimeRange window) {
        Instant latest = window.from().plus(TimeRange.MAX_LENGTH);
        return window.to().isAfter(latest) ? latest : window.to();
    }

    private static Map<String, List<String>> withWindow(
            Map<String, List<String>> parameters, TimeRange window, String replaced) {
        Map<String, List<String>> rewritten = new HashMap<>(parameters);
        rewritten.remove(replaced);
        rewritten.remove("range");
        rewritten.put("from", List.of(window.from().toString()));
        rewritten.put("to", List.of(window.to().toString()));
        return rewritten;
    }

    private static String name(DeployMarker marker) {
        return marker.service() + " " + marker.version()
                + (marker.environment().isEmpty() ? "" : " (" + marker.environment() + ")");
    }
}
