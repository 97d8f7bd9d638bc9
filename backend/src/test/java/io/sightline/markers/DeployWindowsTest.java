package io.sightline.markers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.web.BadParameterException;
import io.sightline.web.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deploy windows' rules, on markers built here: {@code range=deploy:last}, {@code deploy:previous}, {@code deploy=}. */
class DeployWindowsTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static DeployMarker marker(long id, String version, Instant at) {
        return new DeployMarker(id, "catalog", version, "production", null, at, DeployMarker.Source.DETECTED);
    }

    final DeployMarker v140 = marker(1, "1.4.0", NOW.minus(Duration.ofMinutes(30)));
    final DeployMarker v150 = marker(2, "1.5.0", NOW.minus(Duration.ofMinutes(14)));

    /** A window's edge: a microsecond before the marker, as markers are stored to the microsecond. */
    private static Instant edge(DeployMarker marker) {
        return marker.at().minusNanos(1_000);
    }

    @Test
    void sinceTheLastDeployRunsFromTheNewestMarkerUntilNow() {
        assertThat(DeployWindows.sinceLast(List.of(v150, v140), NOW, "catalog"))
                .isEqualTo(new TimeRange(edge(v150), NOW));
    }

    @Test
    void sinceALastDeployLongAgoKeepsTheLast31Days() {
        DeployMarker old = marker(3, "0.9.0", NOW.minus(Duration.ofDays(90)));
        assertThat(DeployWindows.sinceLast(List.of(old), NOW, "catalog"))
                .isEqualTo(new TimeRange(NOW.minus(Duration.ofDays(31)), NOW));
    }

    @Test
    void theDeployBeforeRunsFromTheSecondNewestMarkerToTheNewest() {
        assertThat(DeployWindows.deployBefore(List.of(v150, v140), "catalog"))
                .isEqualTo(new TimeRange(edge(v140), edge(v150)));
    }

    @Test
    void theDeployBeforeKeepsItsFirst31Days() {
        DeployMarker old = marker(3, "0.9.0", NOW.minus(Duration.ofDays(90)));
        assertThat(DeployWindows.deployBefore(List.of(v150, old), "catalog"))
                .isEqualTo(new TimeRange(edge(old), edge(old).plus(Duration.ofDays(31))));
    }

    @Test
    void withoutEnoughDeploysTheRangeSaysWhatIsMissing() {
        assertBad(
                () -> DeployWindows.sinceLast(List.of(), NOW, "any service"),
                "range",
                "'range' deploy:last: no deploy of any service is known");
        assertBad(
                () -> DeployWindows.deployBefore(List.of(v150), "catalog"),
                "range",
                "'range' deploy:previous: fewer than two deploys of catalog are known");
        assertBad(
                () -> DeployWindows.deployBefore(List.of(v150, marker(3, "1.5.1", v150.at())), "catalog"),
                "range",
                "'range' deploy:previous: the last two deploys are marked at the same time");
        assertBad(
                () -> DeployWindows.sinceLast(List.of(marker(4, "2.0.0", NOW.plusSeconds(60))), NOW, "catalog"),
                "range",
                "'range' deploy:last: the last deploy is marked after now, at 2026-11-24T12:01:00Z");
    }

    @Test
    void aDeployWindowRunsFromItsMarkerToTheNextOrNow() {
        assertThat(DeployWindows.window(new Deployed(v140, null, v150), NOW))
                .isEqualTo(new TimeRange(edge(v140), edge(v150)));
        assertThat(DeployWindows.window(new Deployed(v150, v140, null), NOW)).isEqualTo(new TimeRange(edge(v150), NOW));
        assertBad(
                () -> DeployWindows.window(new Deployed(marker(5, "3.0.0", NOW.plusSeconds(5)), v150, null), NOW),
                "deploy",
                "'deploy' was marked at 2026-11-24T12:00:05Z, after now: its window has not begun");
    }

    @Test
    void aDeployIsWrittenServiceAtVersion() {
        assertThat(DeployWindows.parse("catalog@1.5.0"))
                .isEqualTo(new DeployWindows.ServiceVersion("catalog", "1.5.0"));
        assertThat(DeployWindows.parse("@scope/web@2.0.0"))
                .isEqualTo(new DeployWindows.ServiceVersion("@scope/web", "2.0.0"));
        for (String bad : List.of("catalog", "catalog@", "@1.5.0", " @ ", "x".repeat(201) + "@1")) {
            assertBad(
                    () -> DeployWindows.parse(bad),
                    "deploy",
                    "'deploy' write it as service@version, such as checkout@1.5.0");
        }
    }

    @Test
    void aDeployRangeThatNothingResolvedIsRefusedByName() {
        assertBad(
                () -> TimeRange.parse(Map.of("range", List.of("deploy:last")), NOW),
                "range",
                "'range' deploy:last is offered by the overview, endpoint and search pages and the search API;"
                        + " here use a length such as 1h, or from and to");
    }

    private static void assertBad(Runnable parse, String parameter, String message) {
        assertThatThrownBy(parse::run)
                .isInstanceOfSatisfying(
                        BadParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo(parameter))
                .hasMessage(message);
    }
}
