package io.sightline.traces;

import io.sightline.span.Durations;
import io.sightline.span.SemanticConventions;
import io.sightline.span.Span;
import io.sightline.web.Formats;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a share of the critical path went to: one repeated statement (N+1), one external host, one
 * database, one service's own code, or a queue between a producer and its consumer.
 *
 * @param label the statement, host, database, service or queue destination
 * @param service the service that made the calls (or whose code it is; the producer's, for a queue)
 * @param spanCount spans in the group; for a repeated statement, every repeat under its parent,
 *     including any that ran alongside the path rather than on it
 * @param sequential whether the group's time was spent one span after another; false only for a
 *     repeated statement whose calls overlapped (the path is one chain, so any other group is)
 * @param criticalPathMs the group's time on the critical path
 * @param sharePercent {@code criticalPathMs} as a share of the path's whole length, one decimal
 * @param exampleSpanIds up to {@link #EXAMPLES} of the group's spans on the path, the earliest first
 * @param summary the group as the diagnosis headline says it
 */
public record PathGroup(
        Kind kind,
        String label,
        String service,
        int spanCount,
        boolean sequential,
        double criticalPathMs,
        double sharePercent,
        List<String> exampleSpanIds,
        String summary) {

    static final int EXAMPLES = 5;

    public enum Kind {
        /** One statement run again and again by one parent ({@link RepeatedCalls}): the N+1 pattern. */
        REPEATED_STATEMENT,
        /** Calls leaving the service for one host: CLIENT spans with HTTP, RPC or peer attributes, producers. */
        EXTERNAL_HOST,
        /** Calls to one database: spans carrying {@code db.system.name} (or {@code db.system}). */
        DATABASE,
        /** A service's own code, including its time between calls. */
        OWN_CODE,
        /** A message waiting between the end of its producer span and the start of its consumer span. */
        QUEUE_WAIT
    }

    /** The path's time grouped, largest first; spans that contributed nothing are left out. */
    static List<PathGroup> of(TraceTree tree, Map<String, Long> path, List<RepeatedCalls> repeats, long pathNanos) {
        Map<String, Building> groups = new LinkedHashMap<>();
        path.forEach((spanId, nanos) -> {
            Span span = tree.span(spanId);
            long queued = queueWait(tree, path, span, nanos);
            if (queued > 0) {
                String destination = Objects.requireNonNullElse(
                        SemanticConventions.value(span.attributes(), "messaging.destination.name"), span.name());
                groups.computeIfAbsent("queue|" + destination, key -> new Building(Kind.QUEUE_WAIT, destination, span))
                        .add(span, queued);
            }
            if (nanos - queued > 0) {
                Building group = groupOf(span, repeats);
                groups.computeIfAbsent(group.key(), key -> group).add(span, nanos - queued);
            }
        });
        return groups.values().stream()
                .sorted(Comparator.comparingLong((Building group) -> group.nanos)
                        .reversed())
                .map(group -> group.build(pathNanos))
                .toList();
    }

    /** A producer's time on the path after it ended, waiting for its consumer to start. */
    private static long queueWait(TraceTree tree, Map<String, Long> path, Span span, long nanos) {
        return tree.children(span).stream()
                .filter(child -> CriticalPath.isHandOff(span, child) && path.containsKey(child.spanId()))
                .findFirst()
                .map(consumer -> Math.clamp(consumer.startNanos() - span.endNanos(), 0, nanos))
                .orElse(0L);
    }

    private static Building groupOf(Span span, List<RepeatedCalls> repeats) {
        for (RepeatedCalls repeat : repeats) {
            if (repeat.includes(span)) {
                return new Building(Kind.REPEATED_STATEMENT, repeat.statement(), span, repeat);
            }
        }
        Map<String, String> attributes = span.attributes();
        if (isDatabase(span)) {
            return new Building(Kind.DATABASE, database(span), span);
        }
        if (leavesTheService(span)) {
            return new Building(Kind.EXTERNAL_HOST, host(span), span);
        }
        return new Building(Kind.OWN_CODE, span.service(), span);
    }

    private static boolean leavesTheService(Span span) {
        Map<String, String> attributes = span.attributes();
        boolean leaves = span.kind() == Span.SpanKind.CLIENT
                || (span.kind() == Span.SpanKind.PRODUCER && attributes.containsKey("messaging.system"));
        boolean remote = attributes.keySet().stream()
                .anyMatch(key -> key.startsWith("http.")
                        || key.startsWith("url.")
                        || key.startsWith("rpc.")
                        || key.startsWith("peer.")
                        || key.startsWith("net.peer.")
                        || key.startsWith("messaging.")
                        || key.equals("server.address"));
        return leaves && remote;
    }

    /** "postgresql shop at db-1": the system, the database's name and its server, as far as the span says. */
    static String database(Span span) {
        List<String> parts = new ArrayList<>();
        for (String name : List.of(SemanticConventions.DB_SYSTEM, "db.namespace")) {
            String value = attribute(span, name);
            if (!value.isEmpty()) {
                parts.add(value);
            }
        }
        String server = attribute(span, "server.address");
        return String.join(" ", parts) + (server.isEmpty() ? "" : " at " + server);
    }

    /** The host a call went to: its server attribute, else its URL's host, else its peer or RPC service. */
    private static String host(Span span) {
        String server = attribute(span, "server.address");
        if (!server.isEmpty()) {
            return server;
        }
        String url = attribute(span, SemanticConventions.URL_FULL);
        try {
            String urlHost = url.isEmpty() ? null : URI.create(url).getHost();
            if (urlHost != null) {
                return urlHost;
            }
        } catch (IllegalArgumentException e) {
            // Not a URL after all: fall through to the other names.
        }
        for (String name : List.of("peer.service", "rpc.service", "messaging.destination.name")) {
            String other = attribute(span, name);
            if (!other.isEmpty()) {
                return other;
            }
        }
        return span.name();
    }

    /** A span carrying the database system under either name: time spent in (or waiting for) a database. */
    static boolean isDatabase(Span span) {
        return !attribute(span, SemanticConventions.DB_SYSTEM).isEmpty();
    }

    /** The attribute under its current name or an older one, else empty. */
    private static String attribute(Span span, String name) {
        String value = SemanticConventions.value(span.attributes(), name);
        return value == null || value.isBlank() ? "" : value;
    }

    /**
     * The span's name, unless it is a bare HTTP method (current semantic conventions name client
     * spans just "POST"): then method, host and path from the URL, as people say it.
     */
    static String describe(Span span) {
        String url = attribute(span, SemanticConventions.URL_FULL);
        boolean bareMethod = span.name().equals(attribute(span, SemanticConventions.HTTP_METHOD))
                || span.name().equals(span.httpMethod());
        if (!bareMethod || url.isEmpty()) {
            return span.name();
        }
        try {
            URI uri = URI.create(url);
            String host = uri.getHost() == null ? "" : uri.getHost();
            return span.name() + " " + host + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return span.name() + " " + url;
        }
    }

    /** A group while the path is walked. */
    private static final class Building {

        private final Kind kind;
        private final String label;
        private final Span first;
        private final RepeatedCalls repeat;
        private final List<Span> spans = new ArrayList<>();
        private Span largest;
        private long largestNanos;
        private long nanos;

        Building(Kind kind, String label, Span first) {
            this(kind, label, first, null);
        }

        Building(Kind kind, String label, Span first, RepeatedCalls repeat) {
            this.kind = kind;
            this.label = label;
            this.first = first;
            this.repeat = repeat;
        }

        String key() {
            return switch (kind) {
                case REPEATED_STATEMENT -> kind + "|" + repeat.parentSpanId() + "|" + label;
                case OWN_CODE, DATABASE, EXTERNAL_HOST, QUEUE_WAIT -> kind + "|" + label;
            };
        }

        void add(Span span, long contributed) {
            spans.add(span);
            nanos += contributed;
            if (contributed > largestNanos) {
                largest = span;
                largestNanos = contributed;
            }
        }

        PathGroup build(long pathNanos) {
            double share = 100.0 * nanos / pathNanos;
            int count = repeat != null ? repeat.count() : spans.size();
            boolean sequential = repeat == null || repeat.sequential();
            return new PathGroup(
                    kind,
                    label,
                    first.service(),
                    count,
                    sequential,
                    Durations.millis(nanos),
                    Math.round(share * 10) / 10.0,
                    spans.stream()
                            .sorted(Comparator.comparingLong(Span::startNanos))
                            .limit(EXAMPLES)
                            .map(Span::spanId)
                            .toList(),
                    sentence(count, sequential, pathNanos, share));
        }

        private String sentence(int count, boolean sequential, long pathNanos, double share) {
            boolean one = count == 1;
            String subject = switch (kind) {
                case REPEATED_STATEMENT -> count + (sequential ? " sequential" : " parallel") + " calls of " + label;
                case EXTERNAL_HOST -> one ? "the external call " + describe(first) : count + " calls to " + label;
                case DATABASE ->
                    one ? "the database call " + describe(first) : count + " calls to the database " + label;
                case OWN_CODE ->
                    one
                            ? describe(first) + " in " + label
                            : "the own code of " + label + ", mostly " + largest.name() + ",";
                case QUEUE_WAIT -> "waiting in the queue " + label;
            };
            String verdict = switch (kind) {
                case REPEATED_STATEMENT ->
                    sequential ? " — likely N+1 in " + first.service() : " — one call per item in " + first.service();
                case EXTERNAL_HOST -> "; the bottleneck is an external dependency";
                case DATABASE -> "; the bottleneck is the database";
                case OWN_CODE -> "; the bottleneck is the service's own code";
                case QUEUE_WAIT -> "; the bottleneck is the message queue";
            };
            boolean plural = !one && kind != Kind.OWN_CODE && kind != Kind.QUEUE_WAIT;
            return String.format(
                    Locale.ROOT,
                    "%s %s %s of %s (%d %%)%s",
                    subject,
                    plural ? "account for" : "accounts for",
                    Formats.nanos(nanos),
                    Formats.nanos(pathNanos),
                    Math.round(share),
                    verdict);
        }
    }
}
