package io.sightline.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.SpanTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A windowed read prunes by partition (the day), by the start-time minmax and by the primary key,
 * whose hour ClickHouse derives from the bare start-time range: the plan says so.
 */
class SpanFilterPlanIT extends IntegrationTest {

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    SpanTables tables;

    // Parts on three days, so there is something to prune.
    @BeforeEach
    void spansOnSeveralDays() {
        clickHouse.command("INSERT INTO " + tables.spans()
                + " (project_id, start_time, trace_id, span_id, service, name, endpoint,"
                + " kind, is_entry, duration_ns) SELECT 1, now64(9) - toIntervalDay(number), lower(hex(randomString(16))),"
                + " lower(hex(randomString(8))), 'cart', 'GET /', 'GET /', 'SERVER', true, 1000000 FROM numbers(3)");
    }

    @Test
    void requestsInAWindowUseThePartitionAndTheSortKeysHour() {
        Instant to = Instant.now();
        SpanFilter filter = SpanFilter.of(Set.of(1L), new TimeWindow(to.minus(Duration.ofHours(1)), to))
                .service("cart");
        Map<String, Object> parameters = new HashMap<>();
        String plan = explain(
                "SELECT sum(duration_ns) FROM " + tables.spans() + " WHERE "
                        + filter.requests("").bindInto(parameters),
                parameters);

        assertThat(section(plan, "Partition")).contains("Condition: and((toDate(start_time) in");
        assertThat(section(plan, "PrimaryKey")).contains("project_id", "(start_time in (-Inf, ", "(start_time in [");
        Matcher parts = Pattern.compile("Parts: (\\d+)/(\\d+)").matcher(section(plan, "Min-Max"));
        assertThat(parts.find()).isTrue();
        assertThat(Integer.parseInt(parts.group(1))).as(plan).isLessThan(Integer.parseInt(parts.group(2)));
    }

    @Test
    void theSpansOfTheRequestsTracesAlsoPruneByTheHour() {
        Instant to = Instant.now();
        SpanFilter filter = SpanFilter.of(Set.of(1L), new TimeWindow(to.minus(Duration.ofHours(1)), to))
                .service("cart");
        Map<String, Object> parameters = new HashMap<>();
        String plan = explain(
                "SELECT sum(duration_ns) FROM " + tables.spans() + " AS s WHERE "
                        + filter.traceSpans("s").bindInto(parameters),
                parameters);

        assertThat(section(plan, "PrimaryKey")).contains("project_id", "(start_time in (-Inf, ", "(start_time in [");
    }

    /** One index step of the plan, from its name to the next step. */
    private static String section(String plan, String step) {
        int start = plan.indexOf("\n        " + step + "\n");
        assertThat(start).as("a %s step in %s", step, plan).isNotNegative();
        int end = plan.indexOf("Granules:", start);
        return plan.substring(start, end);
    }

    private String explain(String sql, Map<String, ?> parameters) {
        try (InputStream result = clickHouse.query("EXPLAIN indexes = 1 " + sql, parameters, "TSVRaw")) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
