package io.sightline.traces;

import io.sightline.span.Durations;
import io.sightline.span.Span;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The first thing that went wrong, and why: among the failing spans, the one whose failure happened
 * first — at its {@code exception} event if it recorded one, else when it ended. Parents that fail
 * because a child failed end later, so the root cause wins over the errors it propagated.
 *
 * @param type the exception's type, or empty
 * @param message the exception's message, else the span's status message
 * @param atOffsetMs when the failure happened, in milliseconds from the trace's start
 */
public record FirstError(
        String spanId, String service, String name, String type, String message, String stacktrace, double atOffsetMs) {

    static Optional<FirstError> of(List<Span> spans) {
        long traceStart = spans.stream().mapToLong(Span::startNanos).min().orElse(0);
        return spans.stream()
                .filter(span -> span.status() == Span.StatusCode.ERROR)
                .min(Comparator.comparingLong(FirstError::failedAt)
                        .thenComparing(
                                Comparator.comparingLong(Span::startNanos).reversed()))
                .map(span -> describe(span, traceStart));
    }

    /** When the span failed: at its exception event, else when it ended. */
    static long failedAt(Span span) {
        return exception(span).map(Span.Event::timeNanos).orElse(span.endNanos());
    }

    private static Optional<Span.Event> exception(Span span) {
        return span.events().stream()
                .filter(event -> event.name().equals("exception"))
                .findFirst();
    }

    private static FirstError describe(Span span, long traceStart) {
        Optional<Span.Event> exception = exception(span);
        String type = exception
                .map(event -> event.attributes().getOrDefault("exception.type", ""))
                .orElse("");
        String message = exception
                .map(event -> event.attributes().getOrDefault("exception.message", ""))
                .filter(text -> !text.isEmpty())
                .orElse(span.statusMessage());
        String stacktrace = exception
                .map(event -> event.attributes().getOrDefault("exception.stacktrace", ""))
                .orElse("");
        return new FirstError(
                span.spanId(),
                span.service(),
                span.name(),
                type,
                message,
                stacktrace,
                Durations.millis(failedAt(span) - traceStart));
    }
}
