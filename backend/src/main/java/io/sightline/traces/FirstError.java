package io.sightline.traces;

import io.sightline.span.Span;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The earliest failing span and why it failed: the exception it recorded (type, message, stack
 * trace) or else its status message.
 */
record FirstError(String spanId, String service, String name, String type, String message, String stacktrace) {

    static Optional<FirstError> of(List<Span> spans) {
        return spans.stream()
                .filter(span -> span.status() == Span.StatusCode.ERROR)
                .min(Comparator.comparingLong(Span::startNanos))
                .map(FirstError::describe);
    }

    private static FirstError describe(Span span) {
        Optional<Span.Event> exception = span.events().stream().filter(event -> event.name().equals("exception")).findFirst();
        String type = exception.map(event -> event.attributes().getOrDefault("exception.type", "")).orElse("");
        String message = exception.map(event -> event.attributes().getOrDefault("exception.message", ""))
                .filter(text -> !text.isEmpty()).orElse(span.statusMessage());
        String stacktrace = exception.map(event -> event.attributes().getOrDefault("exception.stacktrace", "")).orElse("");
        return new FirstError(span.spanId(), span.service(), span.name(), type, message, stacktrace);
    }
}
