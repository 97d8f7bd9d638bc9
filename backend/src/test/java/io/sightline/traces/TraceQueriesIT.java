package io.sightline.traces;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.IntegrationTest;
import io.sightline.SpanFixture;
import io.sightline.security.Projects;
import io.sightline.span.Span;
import io.sightline.storage.ClickHouse;
import io.sightline.storage.SpanTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The one-statement trace read against the embedded engine: exact round trip, project isolation, pruning. */
class TraceQueriesIT extends IntegrationTest {

    @Autowired
    TraceQueries queries;

    @Autowired
    ClickHouse clickHouse;

    @Autowired
    SpanTables tables;

    @Autowired
    Projects projects;

    SpanFixture fixture;

    @Autowired
    void fixture(ClickHouse clickHouse, SpanTables tables) {
        fixture = new SpanFixture(clickHouse, tables);
    }

    @Test
    void everyColumnComesBackAsWritten() {
        long project = projects.defaultProjectId();
        String traceId = SpanFixture.randomTraceId();
        Instant start =
                Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MICROS).plusNanos(789);
        Span root = SpanFixture.span(project, traceId)
                .name("POST /checkout")
                .kind(Span.SpanKind.SERVER)
                .service("checkout")
                .start(start)
                .duration(Duration.ofMillis(1200))
                .http("POST", 502)
                .user("user-1001")
                .attribute("http.response.status_code", "502", Span.AttributeType.INT)
                .attribute("retry", "true", Span.AttributeType.BOOL)
                .attribute("note", "tab\there, quote ' and \" and \\ and ünïcödé")
                .resource("host.name", "web-1")
                .error("payment failed")
                .event(start.plusMillis(5), "exception", Map.of("exception.message", "card declined"))
                .link(SpanFixture.randomTraceId(), SpanFixture.randomSpanId())
                .build();
        Span child = SpanFixture.span(project, traceId)
                .parent(root)
                .name("SELECT")
                .kind(Span.SpanKind.CLIENT)
                .start(start.plusMillis(10))
                .duration(Duration.ofNanos(1_234_567))
                .attribute("db.system.name", "postgresql")
                .build();
        fixture.insert(List.of(child, root));

        List<Span> read = queries.spansOf(List.of(traceId), Set.of(project));

        assertThat(read).containsExactly(root, child);
    }

    @Test
    void onlyTheCallersProjectsAreRead() {
        long mine = projects.defaultProjectId();
        long theirs = projects.create("isolation-" + UUID.randomUUID());
        String traceId = SpanFixture.randomTraceId();
        Span ours = SpanFixture.span(mine, traceId).name("ours").build();
        Span foreign = SpanFixture.span(theirs, traceId).name("theirs").build();
        fixture.insert(List.of(ours, foreign));

        assertThat(queries.spansOf(List.of(traceId), Set.of(mine)))
                .extracting(Span::name)
                .containsExactly("ours");
        assertThat(queries.spansOf(List.of(traceId), Set.of(theirs)))
                .extracting(Span::name)
                .containsExactly("theirs");
        assertThat(queries.spansOf(List.of(traceId), Set.of(mine, theirs))).hasSize(2);
        assertThat(queries.spansOf(List.of(traceId), Set.of())).isEmpty();
        assertThat(queries.spansOf(List.of(SpanFixture.randomTraceId()), Set.of(mine)))
                .isEmpty();
    }

    @Test
    void severalTracesAreReadInOneStatement() {
        long project = projects.defaultProjectId();
        String older = SpanFixture.randomTraceId();
        String newer = SpanFixture.randomTraceId();
        fixture.insert(List.of(
                SpanFixture.span(project, older)
                        .start(Instant.now().minus(Duration.ofHours(30)))
                        .name("older")
                        .build(),
                SpanFixture.span(project, newer)
                        .start(Instant.now().minusSeconds(5))
                        .name("newer")
                        .build()));

        assertThat(queries.spansOf(List.of(newer, older), Set.of(project)))
                .extracting(Span::name)
                .containsExactly("older", "newer");
    }

    @Test
    void theReadOnlyTouchesTheTracesDayAndItsBloomFilterGranules() {
        long project = projects.defaultProjectId();
        Instant now = Instant.now();
        List<Span> spans = new ArrayList<>();
        for (int daysAgo = 1; daysAgo <= 4; daysAgo++) {
            for (int i = 0; i < 3; i++) {
                spans.add(SpanFixture.span(project, SpanFixture.randomTraceId())
                        .start(now.minus(Duration.ofDays(daysAgo)))
                        .build());
            }
        }
        String traceId = SpanFixture.randomTraceId();
        spans.add(SpanFixture.span(project, traceId)
                .start(now.minus(Duration.ofDays(2)).plusSeconds(1))
                .build());
        fixture.insert(spans);

        String plan = explain(traceId, project);

        // ClickHouse evaluates the bounds subquery before index analysis, so the bounds arrive as
        // constants: the minmax index of start_time drops every part of other days (and of other
        // times of that day), the partition key and primary key see the same range, and the
        // trace-ID bloom filter narrows what is left to the trace's granules.
        int[] minMax = selected(plan, "Min-Max");
        assertThat(minMax[0]).as(plan).isLessThan(minMax[1]).isLessThanOrEqualTo(2);
        assertThat(plan).contains("toDate(start_time) in (-Inf, ").contains("Name: idx_trace_id");
        assertThat(plan).doesNotContain("(SELECT"); // no subquery left for run time
    }

    private String explain(String traceId, long project) {
        Map<String, Object> parameters = TraceQueries.parameters(List.of(traceId), Set.of(project));
        try (InputStream result =
                clickHouse.query("EXPLAIN indexes = 1 " + queries.spansSql(1), parameters, "TSVRaw")) {
            return new String(result.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {selected, total} parts of the spans table's index step named {@code step} (the first such step). */
    private int[] selected(String plan, String step) {
        int spansRead = plan.indexOf("ReadFromMergeTree (" + tables.spans() + ")");
        Matcher matcher = Pattern.compile("\\n\\s+" + step + "\\n(?:.*\\n)*?\\s+Parts: (\\d+)/(\\d+)")
                .matcher(plan);
        assertThat(spansRead).as(plan).isNotNegative();
        assertThat(matcher.find(spansRead)).as("a %s step in %s", step, plan).isTrue();
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
    }
}
