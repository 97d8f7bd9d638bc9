package io.sightline.deploys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import io.sightline.markers.Deployed;
import io.sightline.security.ProjectAccess;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The recent deploys of every service the caller can read, newest first, each judged against the
 * version it replaced ({@link DeployVerdict}). Verdicts cost three span queries each, so:
 * <ul>
 *   <li>each compares the two versions over a bounded window — from the previous deploy (at most
 *       {@link #SIDE} before this one) to the next deploy or now (at most {@link #SIDE} after);
 *   <li>only the newest {@link #JUDGED} rows of a list are judged; older rows link to their comparison;
 *   <li>verdicts are cached for {@link #CACHED_FOR}, keyed by the caller's projects and the deploy with
 *       its neighbours, so reloading the page costs no span queries, and a verdict of a deploy that is
 *       still running is at most that old.
 * </ul>
 */
@Service
class RecentDeploys {

    static final int MAX_LISTED = 50;
    static final int JUDGED = 20;
    static final Duration SIDE = Duration.ofHours(24);
    static final Duration CACHED_FOR = Duration.ofMinutes(5);

    private final DeployMarkers markers;
    private final DeployComparison comparison;
    private final ProjectAccess projectAccess;
    private final Cache<Key, DeployVerdict> verdicts = Caffeine.newBuilder()
            .expireAfterWrite(CACHED_FOR)
            .maximumSize(10_000)
            .build();

    RecentDeploys(DeployMarkers markers, DeployComparison comparison, ProjectAccess projectAccess) {
        this.markers = markers;
        this.comparison = comparison;
        this.projectAccess = projectAccess;
    }

    private record Key(Set<Long> projects, long previous, long deploy, long next) {}

    public record Row(
            DeployMarker deploy,

            @Schema(description = "The deploy of the same service and environment before this one; null for the first")
            DeployMarker previous,

            @Schema(
                    description = "The comparison page of previous against this version over the verdict's window; null"
                            + " without a previous deploy")
            String compareUrl,

            @Schema(description = "Null for the first deploy of a service, and beyond the newest 20 rows of a list")
            DeployVerdict verdict) {}

    /** Deploys in [from, to), of one service or (null) all, newest first, at most {@code limit} (up to {@link #MAX_LISTED}). */
    List<Row> recent(String service, Instant from, Instant to, int limit, Instant now) {
        List<Row> rows = new ArrayList<>();
        for (Deployed deployed : markers.recent(service, from, to, Math.min(limit, MAX_LISTED))) {
            rows.add(row(deployed, rows.size() < JUDGED, now));
        }
        return rows;
    }

    private Row row(Deployed deployed, boolean judge, Instant now) {
        DeployMarker deploy = deployed.deploy();
        DeployMarker previous = deployed.previous();
        if (previous == null) {
            return new Row(deploy, null, null, null);
        }
        Instant from = later(previous.at(), deploy.at().minus(SIDE));
        Instant to = earlier(
                earlier(
                        deployed.next() == null ? now : deployed.next().at(),
                        deploy.at().plus(SIDE)),
                now);
        String url = UriComponentsBuilder.fromPath("/deploys/compare")
                .queryParam("service", deploy.service())
                .queryParam("before", previous.version())
                .queryParam("after", deploy.version())
                .queryParam("from", from)
                .queryParam("to", to.isAfter(from) ? to : from.plusSeconds(1))
                .encode()
                .build()
                .toUriString();
        if (!judge) {
            return new Row(deploy, previous, url, null);
        }
        Key key = new Key(
                projectAccess.readableProjects(),
                previous.id(),
                deploy.id(),
                deployed.next() == null ? 0 : deployed.next().id());
        DeployVerdict verdict = verdicts.get(key, k -> judge(deploy, previous, from, to));
        return new Row(deploy, previous, url, verdict);
    }

    private DeployVerdict judge(DeployMarker deploy, DeployMarker previous, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            String missing = deploy.version() + " was marked at " + deploy.at() + ", after now: it has no requests yet";
            return new DeployVerdict("No verdict: " + missing, false, null, null, null, missing, from, to);
        }
        return DeployVerdict.of(comparison.compare(deploy.service(), previous.version(), deploy.version(), from, to));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
