package io.sightline.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.sightline.span.Span;
import java.time.Duration;
import java.util.List;

/** OTLP spans as ingest stores them, for other features' tests: normalised, nothing redacted, cut or out of time. */
public final class Normalised {

    private Normalised() {}

    public static List<Span> spans(List<ResourceSpans> resourceSpans) {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addAllResourceSpans(resourceSpans)
                .build();
        SpanNormaliser.Window always =
                new SpanNormaliser.Window(1, Long.MAX_VALUE, Duration.ofDays(36500), Duration.ZERO);
        return SpanNormaliser.normalise(request, 1, new Redactor(List.of()), always, SpanLimits.NONE)
                .spans();
    }
}
