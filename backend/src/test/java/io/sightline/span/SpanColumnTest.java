package io.sightline.span;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.storage.RowBinary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The registry's pure parts: enum types from the Java enums, the read of a result row, the builder. */
class SpanColumnTest {

    private static final Span SPAN = Span.builder()
            .projectId(7)
            .traceId("4bf92f3577b34da6a3ce929d0e0e4736")
            .spanId("00f067aa0ba902b7")
            .startNanos(1_700_000_000_123_456_789L)
            .durationNanos(42)
            .service("api")
            .name("GET /x")
            .endpoint("GET /x")
            .kind(Span.SpanKind.SERVER)
            .entry(true)
            .status(Span.StatusCode.ERROR)
            .statusMessage("boom")
            .httpMethod("GET")
            .httpStatus(503)
            .serviceVersion("1.2")
            .attributes(Map.of("n", "3"))
            .attributeTypes(Map.of("n", Span.AttributeType.INT))
            .resource(Map.of("service.name", "api"))
            .events(List.of(new Span.Event(1_700_000_000_200_000_000L, "exception", Map.of("exception.type", "E"))))
            .links(List.of(new Span.Link("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "", Map.of())))
            .build();

    @Test
    void enumColumnsAreTypedFromTheJavaEnumsOrdinals() {
        assertThat(SpanColumn.KIND.type())
                .isEqualTo(
                        "Enum8('UNSPECIFIED' = 0, 'INTERNAL' = 1, 'SERVER' = 2, 'CLIENT' = 3, 'PRODUCER' = 4, 'CONSUMER' = 5)");
        assertThat(SpanColumn.STATUS_CODE.type()).isEqualTo("Enum8('UNSET' = 0, 'OK' = 1, 'ERROR' = 2)");
    }

    @Test
    void theSelectListReadsTimesAsNanosecondsWithoutShadowingTheColumns() {
        assertThat(SpanColumn.selectList())
                .startsWith("project_id, toUnixTimestamp64Nano(start_time) AS start_ns, trace_id")
                .contains("arrayMap(e -> (toUnixTimestamp64Nano(e.time), e.name, e.attributes), events) AS events")
                .endsWith(", links")
                .doesNotContain("AS start_time");
    }

    @Test
    void aResultRowReadsBackIntoTheSameSpan() {
        String row = """
                {"project_id":7,"start_ns":1700000000123456789,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736",
                 "span_id":"00f067aa0ba902b7","parent_span_id":"","trace_state":"","service":"api","name":"GET /x",
                 "endpoint":"GET /x","kind":"SERVER","is_entry":true,"duration_ns":42,"status_code":"ERROR",
                 "status_message":"boom","http_method":"GET","http_status":503,"user_id":"","service_version":"1.2",
                 "environment":"","scope_name":"","scope_version":"","attributes":{"n":"3"},"attribute_types":{"n":"INT"},
                 "resource":{"service.name":"api"},"resource_types":{},
                 "events":[[1700000000200000000,"exception",{"exception.type":"E"}]],
                 "links":[["5b8efff798038103d269b633813fc60c","eee19b7ec3c1b174","",{}]]}""";

        assertThat(SpanColumn.readRow(JsonMapper.builder().build().readTree(row)))
                .isEqualTo(SPAN);
    }

    @Test
    void everyColumnIsWrittenAndACopiedSpanEncodesTheSame() {
        RowBinary original = new RowBinary(16);
        RowBinary copy = new RowBinary(16);

        SpanColumn.writeRow(SPAN, original);
        SpanColumn.writeRow(SPAN.toBuilder().build(), copy);

        assertThat(SPAN.toBuilder().build()).isEqualTo(SPAN);
        assertThat(copy.toByteArray()).isEqualTo(original.toByteArray());
        // project_id (UInt32) first, then start_time as little-endian Int64 nanoseconds.
        assertThat(original.toByteArray()).startsWith(7, 0, 0, 0, 0x15, 0xCD, 0x85, 0x3D, 0xFE, 0x9C, 0x97, 0x17);
    }
}
