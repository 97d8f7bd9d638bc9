package io.sightline.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.sightline.span.Span;
import io.sightline.span.SpanColumn;
import io.sightline.storage.RowBinary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The CPU-bound stages of the ingest pipeline one by one, with the default settings (secret keys and
 * span limits of {@code application.yml}, 7 days' retention), for the benchmarks in
 * {@code io.sightline.bench}: what a request costs Java before its insert, and the rows it inserts.
 */
public final class IngestStages {

    /** {@code sightline.ingest.limits.*} as application.yml sets them. */
    static final SpanLimits DEFAULT_LIMITS = new SpanLimits(128, 128, 32, 128, 128, 65_536, 1024);

    private static final Redactor REDACTOR = new Redactor(List.of(
            "authorization",
            "cookie",
            "password",
            "passwd",
            "secret",
            "token",
            "api[-_.]?key",
            "credential",
            "private[-_.]?key"));

    private IngestStages() {}

    /** The columns {@link #encode} writes, in order: the insert's column list. */
    public static List<String> columns() {
        return SpanRows.COLUMNS;
    }

    public static ExportTraceServiceRequest decode(byte[] body) throws Exception {
        return OtlpDecoder.protobuf(body);
    }

    /** The spans of {@code request} as project 1 stores them. */
    public static List<Span> normalise(ExportTraceServiceRequest request) {
        SpanNormaliser.Window window =
                SpanNormaliser.Window.around(Instant.now(), Duration.ofDays(7), Duration.ofHours(1));
        return SpanNormaliser.normalise(request, 1, REDACTOR, window, DEFAULT_LIMITS)
                .spans();
    }

    public static RowBinary encode(List<Span> spans, int protobufBytes) {
        return SpanRows.encode(spans, protobufBytes);
    }

    /** Normalising with each span encoded as soon as it is built, as the pipeline does; the rows. */
    public static RowBinary normaliseAndEncode(ExportTraceServiceRequest request) {
        SpanNormaliser.Window window =
                SpanNormaliser.Window.around(Instant.now(), Duration.ofDays(7), Duration.ofHours(1));
        RowBinary rows = SpanRows.buffer(request.getSerializedSize());
        SpanNormaliser.normalise(request, 1, REDACTOR, window, DEFAULT_LIMITS, span -> SpanColumn.writeRow(span, rows));
        return rows;
    }

    /** Every stage: the RowBinary rows ingest would insert for {@code body}. */
    public static RowBinary rows(byte[] body) throws Exception {
        return normaliseAndEncode(decode(body));
    }
}
