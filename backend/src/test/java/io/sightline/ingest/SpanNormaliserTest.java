package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import io.sightline.span.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanNormaliserTest {

    private static final Redactor REDACTOR = new Redactor(List.of("authorization", "password"));

    /** Around a minute after the epoch, so the fixture spans (starting at 1 s) are inside it. */
    private static final SpanNormaliser.Window AROUND_FIXTURES =
            SpanNormaliser.Window.around(Instant.ofEpochSecond(60), Duration.ofDays(7), Duration.ofHours(1));

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final SpanNormaliser.Window WEEK_AND_HOUR =
            SpanNormaliser.Window.around(NOW, Duration.ofDays(7), Duration.ofHours(1));
    /** 2026-11-22T12:00:00Z and 2026-11-29T13:00:00Z, in Unix nanoseconds. */
    private static final long EARLIEST = NOW.minus(Duration.ofDays(7)).getEpochSecond() * 1_000_000_000L;

    private static final long LATEST = NOW.plus(Duration.ofHours(1)).getEpochSecond() * 1_000_000_000L;

    @Test
    void oldAndNewConventionNamesFillTheSameColumnsAndAreKeptAsSent() {
        Span old = normaliseOne(
                resource("checkout", "deployment.environment", "staging"),
                span("0000000000000001", "")
                        .addAttributes(string("http.method", "POST"))
                        .addAttributes(integer("http.status_code", 502))
                        .addAttributes(string("http.route", "/checkout"))
                        .addAttributes(string("enduser.id", "user-1"))
                        .addAttributes(string("db.statement", "SELECT 1")));
        Span current = normaliseOne(
                resource("checkout", "deployment.environment.name", "staging"),
                span("0000000000000001", "")
                        .addAttributes(string("http.request.method", "POST"))
                        .addAttributes(integer("http.response.status_code", 502))
                        .addAttributes(string("http.route", "/checkout"))
                        .addAttributes(string("user.id", "user-1"))
                        .addAttributes(string("db.query.text", "SELECT 1")));

        for (Span span : List.of(old, current)) {
            assertThat(span.httpMethod()).isEqualTo("POST");
            assertThat(span.httpStatus()).isEqualTo(502);
            assertThat(span.endpoint()).isEqualTo("POST /checkout");
            assertThat(span.userId()).isEqualTo("user-1");
            assertThat(span.environment()).isEqualTo("staging");
            assertThat(span.serviceVersion()).isEqualTo("2.1.0");
        }
        assertThat(old.attributes())
                .containsOnlyKeys("http.method", "http.status_code", "http.route", "enduser.id", "db.statement");
        assertThat(old.attributeTypes()).containsOnlyKeys("http.status_code");
        assertThat(old.resource()).containsEntry("deployment.environment", "staging");
        assertThat(current.attributes())
                .containsOnlyKeys(
                        "http.request.method", "http.response.status_code", "http.route", "user.id", "db.query.text");
        assertThat(current.attributeTypes()).containsOnlyKeys("http.response.status_code");
    }

    @Test
    void whenBothNamesAreSentBothAreKeptAndTheCurrentOneFillsTheColumns() {
        Span span = normaliseOne(
                resource("checkout", "deployment.environment", "old-env").toBuilder()
                        .addAttributes(string("deployment.environment.name", "new-env"))
                        .build(),
                span("0000000000000001", "")
                        .addAttributes(string("user.id", "new-user"))
                        .addAttributes(string("enduser.id", "old-user"))
                        .addAttributes(string("http.method", "GET"))
                        .addAttributes(string("http.request.method", "POST"))
                        .addAttributes(integer("http.status_code", 404))
                        .addAttributes(integer("http.response.status_code", 200)));

        assertThat(span.userId()).isEqualTo("new-user");
        assertThat(span.httpMethod()).isEqualTo("POST");
        assertThat(span.httpStatus()).isEqualTo(200);
        assertThat(span.environment()).isEqualTo("new-env");
        assertThat(span.attributes())
                .containsEntry("user.id", "new-user")
                .containsEntry("enduser.id", "old-user")
                .containsEntry("http.method", "GET")
                .containsEntry("http.status_code", "404");
    }

    @Test
    void aRedactionRuleForOneNameCoversTheOther() {
        Redactor userIds = new Redactor(List.of("^enduser\\.id$"));
        SpanNormaliser.Result result = SpanNormaliser.normalise(
                ExportTraceServiceRequest.newBuilder()
                        .addResourceSpans(ResourceSpans.newBuilder()
                                .setResource(resource("checkout", "x", "y"))
                                .addScopeSpans(ScopeSpans.newBuilder()
                                        .addSpans(span("0000000000000001", "").addAttributes(string("user.id", "u-1")))
                                        .addSpans(span("0000000000000002", "")
                                                .addAttributes(string("enduser.id", "u-2")))))
                        .build(),
                1,
                userIds,
                AROUND_FIXTURES,
                SpanLimits.NONE);

        assertThat(result.spans()).extracting(Span::userId).containsExactly(Redactor.REDACTED, Redactor.REDACTED);
        assertThat(result.spans().get(0).attributes()).containsEntry("user.id", Redactor.REDACTED);
        assertThat(result.spans().get(1).attributes()).containsEntry("enduser.id", Redactor.REDACTED);
    }

    @Test
    void entrySpansAreServerOrConsumerSpansWhoseParentIsElsewhere() {
        var root = span("0000000000000001", "").setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
        var nestedServer = span("0000000000000002", "0000000000000001")
                .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
        var remoteParent = span("0000000000000003", "00000000000000ff")
                .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER);
        var client = span("0000000000000004", "0000000000000001")
                .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);

        List<Span> spans = normalise(resource("api", "x", "y"), root, nestedServer, remoteParent, client)
                .spans();

        assertThat(spans).extracting(Span::entry).containsExactly(true, false, true, false);
        assertThat(spans.getFirst().endpoint()).isEqualTo("span");
    }

    @Test
    void invalidSpansAreCountedAndTheRestKept() {
        var good = span("0000000000000001", "");
        var zeroTrace = span("0000000000000002", "").setTraceId(ByteString.copyFrom(new byte[16]));
        var backwards = span("0000000000000003", "").setEndTimeUnixNano(1);

        SpanNormaliser.Result result = normalise(resource("api", "x", "y"), good, zeroTrace, backwards);

        assertThat(result.spans()).hasSize(1);
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.rejection()).contains("trace ID");
    }

    @Test
    void eachKeptSpanIsHandedOnAsItIsBuiltInTheOrderOfTheResult() {
        var first = span("0000000000000001", "");
        var invalid = span("0000000000000002", "").setEndTimeUnixNano(1);
        var second = span("0000000000000003", "");
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(resource("api", "x", "y"))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .addSpans(first)
                                .addSpans(invalid)
                                .addSpans(second)))
                .build();
        List<Span> handed = new ArrayList<>();

        SpanNormaliser.Result result =
                SpanNormaliser.normalise(request, 7, REDACTOR, AROUND_FIXTURES, SpanLimits.NONE, handed::add);

        assertThat(handed).containsExactlyElementsOf(result.spans());
        assertThat(handed).extracting(Span::spanId).containsExactly("0000000000000001", "0000000000000003");
    }

    @Test
    void timesPast2ToThe63NanosecondsAreRejectedSoNoDurationOrEndOverflows() {
        var lastNanosecond = span("0000000000000001", "")
                .setStartTimeUnixNano(Long.MAX_VALUE - 10)
                .setEndTimeUnixNano(Long.MAX_VALUE);
        // OTLP times are unsigned: these are past 2^63 ns (the year 2262), where a long goes negative.
        var endsPast = span("0000000000000002", "")
                .setStartTimeUnixNano(Long.MAX_VALUE - 10)
                .setEndTimeUnixNano(Long.MAX_VALUE + 11);
        var startsPast = span("0000000000000003", "")
                .setStartTimeUnixNano(Long.MIN_VALUE + 5)
                .setEndTimeUnixNano(-1);

        // Every start up to 2^63 ns is inside this window, so only the 2262 check can reject.
        SpanNormaliser.Window always =
                new SpanNormaliser.Window(1, Long.MAX_VALUE, Duration.ofDays(7), Duration.ofHours(1));
        SpanNormaliser.Result result =
                normalise(always, resource("api", "x", "y"), startsPast, lastNanosecond, endsPast);

        assertThat(result.spans()).singleElement().satisfies(span -> {
            assertThat(span.durationNanos()).isEqualTo(10);
            assertThat(span.endNanos()).isEqualTo(Long.MAX_VALUE);
        });
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.rejection()).contains("2262");
    }

    @Test
    void spansStartingBeforeRetentionAreRejectedFromOneNanosecondBeforeItsStart() {
        SpanNormaliser.Result result = normalise(
                WEEK_AND_HOUR,
                resource("api", "x", "y"),
                startingAt("0000000000000001", EARLIEST - 1),
                startingAt("0000000000000002", EARLIEST),
                startingAt(
                        "0000000000000003",
                        Instant.parse("2019-03-01T08:30:00Z").getEpochSecond() * 1_000_000_000L));

        assertThat(result.spans()).extracting(Span::spanId).containsExactly("0000000000000002");
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.rejection())
                .isEqualTo("span starts 2026-11-22T11:59:59.999999999Z, before the retention window of 7 days");
    }

    @Test
    void spansStartingBeyondTheFutureSkewAreRejectedFromOneNanosecondAfterIt() {
        SpanNormaliser.Result result = normalise(
                WEEK_AND_HOUR,
                resource("api", "x", "y"),
                startingAt("0000000000000001", LATEST + 1),
                startingAt("0000000000000002", LATEST),
                startingAt("0000000000000003", NOW.getEpochSecond() * 1_000_000_000L),
                // Past 2262 as an unsigned fixed64; a signed long would see it before 1970.
                startingAt("0000000000000004", -1_000).setEndTimeUnixNano(-1));

        assertThat(result.spans()).extracting(Span::spanId).containsExactly("0000000000000002", "0000000000000003");
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.rejection())
                .isEqualTo("span starts 2026-11-29T13:00:00.000000001Z, more than 1 h in the future;"
                        + " check the sender's clock");
        assertThat(WEEK_AND_HOUR.problemWith(-1_000)).startsWith("span starts after 2262, more than 1 h");
        assertThat(SpanNormaliser.Window.around(NOW, Duration.ofDays(1), Duration.ofMinutes(5))
                        .problemWith(EARLIEST))
                .isEqualTo("span starts 2026-11-22T12:00:00Z, before the retention window of 1 day");
    }

    @Test
    void typedValuesAreKeptAsTextWithTheirType() {
        Span span = normaliseOne(
                resource("api", "x", "y"),
                span("0000000000000001", "")
                        .addAttributes(KeyValue.newBuilder()
                                .setKey("retry")
                                .setValue(AnyValue.newBuilder().setBoolValue(true)))
                        .addAttributes(KeyValue.newBuilder()
                                .setKey("ratio")
                                .setValue(AnyValue.newBuilder().setDoubleValue(0.5)))
                        .addAttributes(KeyValue.newBuilder()
                                .setKey("tags")
                                .setValue(AnyValue.newBuilder()
                                        .setArrayValue(ArrayValue.newBuilder()
                                                .addValues(AnyValue.newBuilder().setStringValue("a\"b"))
                                                .addValues(AnyValue.newBuilder().setIntValue(2)))))
                        .addAttributes(string("http.request.header.authorization", "Bearer abcdefghijklmnop")));

        assertThat(span.attributes())
                .containsEntry("retry", "true")
                .containsEntry("ratio", "0.5")
                .containsEntry("tags", "[\"a\\\"b\",2]")
                .containsEntry("http.request.header.authorization", Redactor.REDACTED);
        assertThat(span.attributeTypes())
                .containsEntry("retry", Span.AttributeType.BOOL)
                .containsEntry("ratio", Span.AttributeType.DOUBLE)
                .containsEntry("tags", Span.AttributeType.ARRAY)
                .doesNotContainKey("http.request.header.authorization");
    }

    @Test
    void whatExceedsTheLimitsIsCutWithAMarkerAndCounted() {
        SpanLimits limits = new SpanLimits(2, 3, 1, 1, 0, 20, 16);
        var span = span("00000000000000a1", "")
                .setName("GET /a/name/longer/than/sixteen")
                .addAttributes(string("first", "x".repeat(25)))
                .addAttributes(string("second", "kept"))
                .addAttributes(string("third", "dropped"))
                .addEvents(io.opentelemetry.proto.trace.v1.Span.Event.newBuilder()
                        .setName("exception")
                        .addAttributes(string("exception.type", "IOException"))
                        .addAttributes(string("exception.message", "dropped")))
                .addEvents(
                        io.opentelemetry.proto.trace.v1.Span.Event.newBuilder().setName("dropped"))
                .addLinks(io.opentelemetry.proto.trace.v1.Span.Link.newBuilder()
                        .setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60d"))
                        .setSpanId(ByteString.fromHex("00000000000000b1")));
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(resource("api", "x", "y"))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
                .build();

        SpanNormaliser.Result result = SpanNormaliser.normalise(request, 7, REDACTOR, AROUND_FIXTURES, limits);

        Span stored = result.spans().getFirst();
        assertThat(stored.name()).isEqualTo("GET /a/name/long…[truncated 15 chars]");
        assertThat(stored.attributes())
                .containsExactly(
                        Map.entry("first", "xxxxxxxxxxxxxxxxxxxx…[truncated 5 chars]"), Map.entry("second", "kept"));
        assertThat(stored.events())
                .singleElement()
                .satisfies(event -> assertThat(event.attributes()).containsOnlyKeys("exception.type"));
        assertThat(stored.links()).isEmpty();
        assertThat(stored.resource()).containsOnlyKeys("service.name", "service.version", "x");
        assertThat(result.rejected()).isZero();
        assertThat(result.limited())
                .isEqualTo("limits applied: 2 attribute(s) dropped beyond 2 per span, 3 per resource, 1 per event or"
                        + " link, 1 event(s) dropped beyond 1 per span, 1 link(s) dropped beyond 0 per span,"
                        + " 1 attribute key(s), value(s) or status message(s) truncated to 20 characters,"
                        + " 1 name(s) truncated to 16 characters");
    }

    private static Span normaliseOne(Resource resource, io.opentelemetry.proto.trace.v1.Span.Builder span) {
        return normalise(resource, span).spans().getFirst();
    }

    private static SpanNormaliser.Result normalise(
            Resource resource, io.opentelemetry.proto.trace.v1.Span.Builder... spans) {
        return normalise(AROUND_FIXTURES, resource, spans);
    }

    private static SpanNormaliser.Result normalise(
            SpanNormaliser.Window window, Resource resource, io.opentelemetry.proto.trace.v1.Span.Builder... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (var span : spans) {
            scope.addSpans(span);
        }
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(
                        ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
                .build();
        return SpanNormaliser.normalise(request, 7, REDACTOR, window, SpanLimits.NONE);
    }

    private static io.opentelemetry.proto.trace.v1.Span.Builder startingAt(String spanId, long startNanos) {
        return span(spanId, "").setStartTimeUnixNano(startNanos).setEndTimeUnixNano(startNanos + 1_000);
    }

    static Resource resource(String service, String environmentKey, String environment) {
        return Resource.newBuilder()
                .addAttributes(string("service.name", service))
                .addAttributes(string("service.version", "2.1.0"))
                .addAttributes(string(environmentKey, environment))
                .build();
    }

    static io.opentelemetry.proto.trace.v1.Span.Builder span(String spanId, String parentId) {
        return io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60c"))
                .setSpanId(ByteString.fromHex(spanId))
                .setParentSpanId(
                        parentId.isEmpty()
                                ? ByteString.EMPTY
                                : ByteString.copyFrom(HexFormat.of().parseHex(parentId)))
                .setName("span")
                .setStartTimeUnixNano(1_000_000_000L)
                .setEndTimeUnixNano(1_200_000_000L)
                .setStatus(Status.newBuilder());
    }

    static KeyValue string(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setIntValue(value))
                .build();
    }
}
