package io.sightline.demo;

import io.sightline.ingest.Normalised;
import io.sightline.span.Span;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The stories' traces as stored spans, for tests of the trace logic that need no server. */
public record StorySpans(
        List<Span> slowCheckout,
        List<Span> productsBefore,
        List<Span> productsAfter,
        List<Span> stagingFailure,
        List<Span> failingUserRequest,
        List<Span> cacheMiss) {

    /** The stories as {@link StoryTraces#generate(long, Instant)} makes them for this seed. */
    public static StorySpans generate(long seed, Instant now) {
        StoryTraces.Stories stories = StoryTraces.generate(seed, now);
        Map<String, List<Span>> byTrace =
                Normalised.spans(stories.resourceSpans()).stream().collect(Collectors.groupingBy(Span::traceId));
        return new StorySpans(
                byTrace.get(stories.slowCheckout()),
                byTrace.get(stories.productsBefore()),
                byTrace.get(stories.productsAfter()),
                byTrace.get(stories.stagingFailure()),
                byTrace.get(stories.failingUserRequest()),
                // Story 5 is about an endpoint, not one trace: its first request that missed the cache.
                byTrace.values().stream()
                        .filter(trace ->
                                trace.stream().anyMatch(span -> span.name().equals("SELECT prices")))
                        .min(Comparator.comparingLong(trace -> trace.getFirst().startNanos()))
                        .orElseThrow());
    }
}
