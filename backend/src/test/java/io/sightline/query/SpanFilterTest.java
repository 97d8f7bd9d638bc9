package io.sightline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpanFilterTest {

    static final Instant FROM = Instant.parse("2026-11-24T10:00:00Z");
    static final Instant TO = Instant.parse("2026-11-24T11:00:00Z");

    @Test
    void aWindowRendersARangeOnTheBareStartColumnWithBoundInstants() {
        SqlFragment starts = new TimeWindow(FROM, TO).starts("s.start_time");

        assertThat(starts.sql())
                .isEqualTo("s.start_time >= fromUnixTimestamp64Nano({from:Int64})"
                        + " AND s.start_time < fromUnixTimestamp64Nano({to:Int64})");
        assertThat(starts.parameters()).isEqualTo(Map.of("from", FROM, "to", TO));
    }

    @Test
    void aNamedWindowBindsItsOwnParametersAndJaegersWindowIncludesItsEnd() {
        SqlFragment after = new TimeWindow(FROM, TO).named("after").startsThroughEnd("start_time");

        assertThat(after.sql())
                .isEqualTo("start_time >= fromUnixTimestamp64Nano({afterFrom:Int64})"
                        + " AND start_time <= fromUnixTimestamp64Nano({afterTo:Int64})");
        assertThat(after.parameters()).isEqualTo(Map.of("afterFrom", FROM, "afterTo", TO));
    }

    @Test
    void theSpansOfATracesRequestsAreReadUpToTheTraceSpreadPastTheEnd() {
        SqlFragment spans = new TimeWindow(FROM, TO).tracesStarted("start_time");

        assertThat(spans.sql()).endsWith("start_time < fromUnixTimestamp64Nano({to:Int64}) + INTERVAL 3600 SECOND");
        assertThat(TimeWindow.TRACE_SPREAD).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theRollupCountsEveryMinuteTheWindowTouches() {
        assertThat(new TimeWindow(FROM, TO).minutes("minute").sql())
                .isEqualTo(
                        "minute >= toStartOfMinute(fromUnixTimestamp64Nano({from:Int64})) AND minute < fromUnixTimestamp64Nano({to:Int64})");
    }

    @Test
    void requestsAreEntrySpansOfTheProjectsWithEachGivenLabelBound() {
        SqlFragment requests = SpanFilter.of(Set.of(7L), new TimeWindow(FROM, TO))
                .service("cart")
                .endpoint("GET /items")
                .version("1.2")
                .environment("prod")
                .requests("s");

        assertThat(requests.sql())
                .isEqualTo(
                        "s.project_id IN {projects:Array(UInt32)} AND s.is_entry"
                                + " AND s.service = {service:String} AND s.endpoint = {endpoint:String} AND s.service_version = {version:String}"
                                + " AND s.environment = {environment:String}"
                                + " AND s.start_time >= fromUnixTimestamp64Nano({from:Int64}) AND s.start_time < fromUnixTimestamp64Nano({to:Int64})");
        assertThat(requests.parameters())
                .containsEntry("projects", List.of(7L))
                .containsEntry("service", "cart")
                .containsEntry("endpoint", "GET /items")
                .containsEntry("version", "1.2")
                .containsEntry("environment", "prod");
        assertThat(requests.sql()).doesNotContain("cart", "GET /items", "prod");
    }

    @Test
    void unsetLabelsAddNoConditionAndNoProjectsMatchNothing() {
        SqlFragment requests = SpanFilter.of(Set.of(), new TimeWindow(FROM, TO)).requests("");

        assertThat(requests.sql())
                .isEqualTo(
                        "project_id IN {projects:Array(UInt32)} AND is_entry"
                                + " AND start_time >= fromUnixTimestamp64Nano({from:Int64}) AND start_time < fromUnixTimestamp64Nano({to:Int64})");
        assertThat(requests.parameters()).containsEntry("projects", List.of(0L));
    }

    @Test
    void twoWindowsAreEitherOneAndTheTraceSpansCoverBoth() {
        Instant later = TO.plus(Duration.ofDays(1));
        SpanFilter filter = SpanFilter.of(Set.of(1L), new TimeWindow(FROM, TO))
                .orIn(new TimeWindow(later, later.plusSeconds(60)).named("after"))
                .service("cart");

        assertThat(filter.requests("").sql())
                .endsWith("AND ((start_time >= fromUnixTimestamp64Nano({from:Int64})"
                        + " AND start_time < fromUnixTimestamp64Nano({to:Int64})) OR (start_time >= fromUnixTimestamp64Nano({afterFrom:Int64})"
                        + " AND start_time < fromUnixTimestamp64Nano({afterTo:Int64})))");
        SqlFragment spans = filter.traceSpans("s");
        assertThat(spans.sql())
                .isEqualTo("s.project_id IN {projects:Array(UInt32)} AND s.service = {service:String}"
                        + " AND s.start_time >= fromUnixTimestamp64Nano({spansFrom:Int64})"
                        + " AND s.start_time < fromUnixTimestamp64Nano({spansTo:Int64}) + INTERVAL 3600 SECOND");
        assertThat(spans.parameters()).containsEntry("spansFrom", FROM).containsEntry("spansTo", later.plusSeconds(60));
    }

    @Test
    void windowsOverSixHoursReadTheRollupUnlessAFilterNeedsARawColumn() {
        SpanFilter day = SpanFilter.of(Set.of(1L), new TimeWindow(FROM, FROM.plus(Duration.ofHours(24))));
        SpanFilter sixHours = SpanFilter.of(Set.of(1L), new TimeWindow(FROM, FROM.plus(Duration.ofHours(6))));

        assertThat(day.wantsRollup()).isTrue();
        assertThat(sixHours.wantsRollup()).isFalse();
        assertThat(day.environment("prod").wantsRollup()).isFalse();
        assertThat(day.service("cart").minutes().sql())
                .isEqualTo(
                        "project_id IN {projects:Array(UInt32)} AND service = {service:String}"
                                + " AND minute >= toStartOfMinute(fromUnixTimestamp64Nano({from:Int64})) AND minute < fromUnixTimestamp64Nano({to:Int64})");
    }

    @Test
    void aParameterIsNeverBoundTwiceWithDifferentValues() {
        Map<String, Object> query = new HashMap<>(Map.of("from", TO));
        SqlFragment starts = new TimeWindow(FROM, TO).starts("start_time");

        assertThatThrownBy(() -> starts.bindInto(query))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from");
        assertThat(starts.bindInto(new HashMap<>(Map.of("from", FROM)))).isEqualTo(starts.sql());
    }

    @Test
    void nearestRankIsTheCeilOfQTimesNthValue() {
        assertThat(NearestRank.over("duration_ns", "{q:Float64}"))
                .isEqualTo("arrayElement(arraySort(groupArray(duration_ns)), toUInt64(ceil({q:Float64} * count())))");
    }
}
