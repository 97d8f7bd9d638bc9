package io.sightline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.sightline.span.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the ingest fuzz tests hold true of any body: the decoder refuses it with its
 * {@link OtlpDecoder.MalformedBodyException} (a 400) or decodes it into a request whose every span
 * the {@link SpanNormaliser} stores valid or counts as rejected, never throwing, and whose stored
 * spans encode as rows.
 */
final class IngestInvariants {

    /** {@link OtlpDecoder#protobuf} or {@link OtlpDecoder#json}. */
    interface Decoder {
        ExportTraceServiceRequest decode(byte[] body) throws OtlpDecoder.MalformedBodyException;
    }

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    /** What ingest uses by default: the seeds start at NOW, inside it. */
    private static final SpanNormaliser.Window PRODUCTION =
            SpanNormaliser.Window.around(NOW, Duration.ofDays(30), Duration.ofHours(1));
    /** Every start time a long can hold: spans that pass the other checks get stored, whatever their times. */
    private static final SpanNormaliser.Window ANY_TIME =
            new SpanNormaliser.Window(1, Long.MAX_VALUE, Duration.ofDays(106_751), Duration.ofDays(1));

    private static final List<String> SECRET_KEYS = List.of("authorization", "password", "token", "api[-_.]?key");
    private static final Redactor REDACTOR = new Redactor(SECRET_KEYS);
    /** Small limits, so that short inputs reach the cutting too. */
    private static final SpanLimits LIMITS = new SpanLimits(8, 8, 4, 4, 4, 64, 32);
    /** The longest marker a cut text can end in: {@code …[truncated N chars]} for any int N. */
    private static final int MARKER = "…[truncated 2147483647 chars]".length();

    private static final List<Pattern> SECRETS = SECRET_KEYS.stream()
            .map(key -> Pattern.compile(key, Pattern.CASE_INSENSITIVE))
            .toList();
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    private IngestInvariants() {}

    static void refusedOrStoredOrRejected(byte[] body, Decoder decoder) {
        ExportTraceServiceRequest request;
        try {
            request = decoder.decode(body);
        } catch (OtlpDecoder.MalformedBodyException refused) {
            assertThat(refused).hasMessageStartingWith("the body ");
            return;
        }
        storesOrRejectsEverySpan(request);
    }

    private static void storesOrRejectsEverySpan(ExportTraceServiceRequest request) {
        for (SpanNormaliser.Window window : List.of(PRODUCTION, ANY_TIME)) {
            SpanNormaliser.Result result = SpanNormaliser.normalise(request, 1, REDACTOR, window, LIMITS);
            assertThat(result.spans().size() + result.rejected()).isEqualTo(spanCount(request));
            assertThat(result.rejection() != null).isEqualTo(result.rejected() > 0);
            result.spans().forEach(span -> isStorable(span, window));
            assertThat(SpanRows.encode(result.spans(), request.getSerializedSize()))
                    .isNotNull();
        }
    }

    private static void isStorable(Span span, SpanNormaliser.Window window) {
        assertThat(span.traceId()).matches(TRACE_ID).isNotEqualTo("0".repeat(32));
        assertThat(span.spanId()).matches(SPAN_ID).isNotEqualTo("0".repeat(16));
        assertThat(span.parentSpanId().isEmpty()
                        || SPAN_ID.matcher(span.parentSpanId()).matches())
                .as("parent %s", span.parentSpanId())
                .isTrue();
        assertThat(window.contains(span.startNanos())).isTrue();
        assertThat(span.startNanos()).isPositive();
        assertThat(span.durationNanos()).isNotNegative();
        assertThat(span.endNanos()).isGreaterThanOrEqualTo(span.startNanos());
        assertThat(span.name()).isNotEmpty();
        assertThat(span.httpStatus()).isBetween(0, 65_535);
        assertThat(span.name().length()).isLessThanOrEqualTo(LIMITS.nameLength() + MARKER);
        assertThat(span.attributes()).hasSizeLessThanOrEqualTo(LIMITS.attributesPerSpan());
        assertThat(span.resource()).hasSizeLessThanOrEqualTo(LIMITS.attributesPerResource());
        assertThat(span.events()).hasSizeLessThanOrEqualTo(LIMITS.eventsPerSpan());
        assertThat(span.links()).hasSizeLessThanOrEqualTo(LIMITS.linksPerSpan());
        for (Map<String, String> attributes : List.of(span.attributes(), span.resource())) {
            attributes.forEach((key, value) -> {
                if (SECRETS.stream().anyMatch(secret -> secret.matcher(key).find())) {
                    assertThat(value).as("the value of %s", key).isIn("", Redactor.REDACTED);
                }
            });
        }
    }

    private static long spanCount(ExportTraceServiceRequest request) {
        return request.getResourceSpansList().stream()
                .map(ResourceSpans::getScopeSpansList)
                .flatMap(List::stream)
                .mapToLong(ScopeSpans::getSpansCount)
                .sum();
    }
}
