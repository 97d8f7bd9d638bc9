package io.sightline.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Every transport's requests, counted the same way: {@code sightline.ingest.requests} (a timer per
 * transport, outcome and reason) and {@code sightline.ingest.spans} (spans accepted or rejected, by
 * transport and reason). Tags are a fixed vocabulary, never a project, a service or a message, so
 * the series stay few whatever is sent. Reasons: {@code none}; per span {@code invalid} and {@code
 * out_of_window}; per request a {@link IngestOutcome.Refusal} in lower case ({@code overloaded},
 * {@code quota_exceeded}, {@code storage_full}...) or a body refused before decoding ({@code
 * malformed}, {@code too_large}, {@code unsupported_media_type}). Accepted spans of a request the
 * {@link SpanLimits} cut something from carry {@code limited}.
 */
final class IngestMetrics {

    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";

    /** How spans arrived. */
    enum Transport {
        OTLP_HTTP("otlp-http"),
        OTLP_GRPC("otlp-grpc"),
        ZIPKIN("zipkin");

        private final String tag;

        Transport(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Starts timing one request. */
    Request start(Transport transport) {
        return new Request(transport, Timer.start(registry));
    }

    /** The reason tag of a refusal. */
    static String reason(IngestOutcome.Refusal refusal) {
        return refusal.name().toLowerCase(Locale.ROOT);
    }

    /** The reason tag of a body refused before it was decoded (400, 413, 415). */
    static String reason(HttpStatus badBody) {
        return switch (badBody) {
            case CONTENT_TOO_LARGE -> "too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            default -> "malformed";
        };
    }

    /** The spans an export request carries. */
    static int spans(ExportTraceServiceRequest request) {
        int spans = 0;
        for (ResourceSpans resource : request.getResourceSpansList()) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                spans += scope.getSpansCount();
            }
        }
        return spans;
    }

    /** One request being timed; answered once. */
    final class Request {

        private final Transport transport;
        private final Timer.Sample sample;
        private int spans;

        private Request(Transport transport, Timer.Sample sample) {
            this.transport = transport;
            this.sample = sample;
        }

        /** The request decoded into {@code request}: a refusal from now on rejects its spans. */
        void decoded(ExportTraceServiceRequest request) {
            spans = IngestMetrics.spans(request);
        }

        /** The pipeline's (or admission's) outcome was answered. */
        void answered(IngestOutcome outcome) {
            switch (outcome) {
                case IngestOutcome.Accepted accepted -> {
                    count(ACCEPTED, accepted.limited() == null ? "none" : "limited", accepted.acceptedSpans());
                    count(REJECTED, "out_of_window", accepted.outOfWindowSpans());
                    count(REJECTED, "invalid", accepted.rejectedSpans() - accepted.outOfWindowSpans());
                    stop(ACCEPTED, "none");
                }
                case IngestOutcome.Refused refused -> {
                    count(REJECTED, reason(refused.refusal()), spans);
                    stop(REJECTED, reason(refused.refusal()));
                }
            }
        }

        /** The body was refused before it was decoded. */
        void badBody(HttpStatus status) {
            stop(REJECTED, reason(status));
        }

        private void count(String outcome, String reason, int count) {
            if (count > 0) {
                Counter.builder("sightline.ingest.spans")
                        .description("Spans received, by transport, outcome and reason")
                        .tag("transport", transport.tag)
                        .tag("outcome", outcome)
                        .tag("reason", reason)
                        .register(registry)
                        .increment(count);
            }
        }

        private void stop(String outcome, String reason) {
            sample.stop(Timer.builder("sightline.ingest.requests")
                    .description("Ingest requests from arrival to answer, by transport, outcome and reason")
                    .tag("transport", transport.tag)
                    .tag("outcome", outcome)
                    .tag("reason", reason)
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }
}
