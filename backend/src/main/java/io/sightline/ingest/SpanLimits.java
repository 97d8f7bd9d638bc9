package io.sightline.ingest;

import jakarta.validation.constraints.Min;
import java.util.ArrayList;
import java.util.List;

/**
 * How much of one span is stored ({@code sightline.ingest.limits.*}): beyond these, attributes,
 * events and links are dropped (the first ones kept, in the sender's order) and long texts are cut
 * with a visible {@code …[truncated N chars]} marker. What a request lost is counted in its
 * {@link Cuts} and reported to the sender through OTLP's {@code partial_success}.
 *
 * @param attributesPerSpan attributes kept on a span
 * @param attributesPerResource attributes kept on a resource (copied onto every span of it)
 * @param attributesPerEvent attributes kept on an event or a link
 * @param eventsPerSpan events kept on a span
 * @param linksPerSpan links kept on a span
 * @param valueLength characters kept of an attribute's key or value, or a status message
 * @param nameLength characters kept of a span's or event's name
 */
public record SpanLimits(
        @Min(1) int attributesPerSpan,
        @Min(1) int attributesPerResource,
        @Min(1) int attributesPerEvent,
        @Min(0) int eventsPerSpan,
        @Min(0) int linksPerSpan,
        @Min(16) int valueLength,
        @Min(16) int nameLength) {

    /** No limit at all, for tests of everything else. */
    static final SpanLimits NONE = new SpanLimits(
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE);

    Cuts cuts() {
        return new Cuts(this);
    }

    /** What the limits cut from one request; not thread-safe (one request, one thread). */
    static final class Cuts {

        private final SpanLimits limits;
        private long attributes;
        private long events;
        private long links;
        private long values;
        private long names;

        private Cuts(SpanLimits limits) {
            this.limits = limits;
        }

        SpanLimits limits() {
            return limits;
        }

        /** {@code text} cut to the value length. */
        String value(String text) {
            if (text.length() <= limits.valueLength) {
                return text;
            }
            values++;
            return truncate(text, limits.valueLength);
        }

        /** {@code text} cut to the name length. */
        String name(String text) {
            if (text.length() <= limits.nameLength) {
                return text;
            }
            names++;
            return truncate(text, limits.nameLength);
        }

        /** How many of {@code count} items may be kept; counts the rest as dropped. */
        int attributes(int count, int limit) {
            attributes += Math.max(0, count - limit);
            return Math.min(count, limit);
        }

        int events(int count) {
            events += Math.max(0, count - limits.eventsPerSpan);
            return Math.min(count, limits.eventsPerSpan);
        }

        int links(int count) {
            links += Math.max(0, count - limits.linksPerSpan);
            return Math.min(count, limits.linksPerSpan);
        }

        /** What was cut, for the sender, or null when nothing was. */
        String message() {
            List<String> parts = new ArrayList<>(5);
            if (attributes > 0) {
                parts.add(attributes + " attribute(s) dropped beyond " + limits.attributesPerSpan + " per span, "
                        + limits.attributesPerResource + " per resource, " + limits.attributesPerEvent
                        + " per event or link");
            }
            if (events > 0) {
                parts.add(events + " event(s) dropped beyond " + limits.eventsPerSpan + " per span");
            }
            if (links > 0) {
                parts.add(links + " link(s) dropped beyond " + limits.linksPerSpan + " per span");
            }
            if (values > 0) {
                parts.add(values + " attribute key(s), value(s) or status message(s) truncated to " + limits.valueLength
                        + " characters");
            }
            if (names > 0) {
                parts.add(names + " name(s) truncated to " + limits.nameLength + " characters");
            }
            return parts.isEmpty() ? null : "limits applied: " + String.join(", ", parts);
        }

        private static String truncate(String text, int length) {
            // Never split a surrogate pair: the stored text stays valid UTF-8.
            int keep = length > 0 && Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
            return text.substring(0, keep) + "…[truncated " + (text.length() - keep) + " chars]";
        }
    }
}
