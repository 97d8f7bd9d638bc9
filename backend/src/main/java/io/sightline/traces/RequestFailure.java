package io.sightline.traces;

import io.sightline.span.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request in the trace that failed — an entry span (or the root) with status ERROR or an HTTP
 * status of 500 or more — with what threw inside it and what happened on the same service right
 * before: the facts an engineer reads first when a request failed, before any timing.
 *
 * @param spanId the failed request's entry span
 * @param httpStatus its HTTP response status, 0 when it has none
 * @param cause the first failure inside the request ({@link FirstError}), or null when no span in
 *     it recorded one (a 500 without an error status)
 * @param evidence the span of the thrower's service that ended last before the failure, among the
 *     thrower's siblings and children, or null
 */
public record RequestFailure(
        String spanId,
        String service,
        String name,
        int httpStatus,
        FirstError cause,
        Evidence evidence,
        String summary) {

    static final String RETURNED_ROWS = "db.response.returned_rows";

    /**
     * @param statement the query text (or the span name when there is none)
     * @param returnedRows the rows a query returned ({@value RETURNED_ROWS}), null when not recorded
     */
    public record Evidence(String spanId, String name, String statement, Long returnedRows) {}

    static Optional<RequestFailure> of(TraceTree tree) {
        return tree.depthFirst().stream()
                .map(TraceTree.Placed::span)
                .filter(span -> (span.entry() || span.isRoot()) && failed(span))
                .min(Comparator.comparingLong(Span::startNanos))
                .map(request -> describe(tree, request));
    }

    private static boolean failed(Span span) {
        return span.status() == Span.StatusCode.ERROR || span.httpStatus() >= 500;
    }

    private static RequestFailure describe(TraceTree tree, Span request) {
        FirstError cause = FirstError.of(subtree(tree, request)).orElse(null);
        Span thrower = cause == null ? null : tree.span(cause.spanId());
        Evidence evidence = thrower == null ? null : evidence(tree, thrower);
        return new RequestFailure(
                request.spanId(),
                request.service(),
                request.name(),
                request.httpStatus(),
                cause,
                evidence,
                sentence(request, cause, thrower, evidence));
    }

    private static List<Span> subtree(TraceTree tree, Span top) {
        // Identity, not IDs: span data is untrusted, and a parent cycle must not loop.
        Set<Span> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Span> pending = new ArrayDeque<>(List.of(top));
        while (!pending.isEmpty()) {
            Span span = pending.pop();
            if (seen.add(span)) {
                pending.addAll(tree.children(span));
            }
        }
        return List.copyOf(seen);
    }

    private static Evidence evidence(TraceTree tree, Span thrower) {
        long failedAt = FirstError.failedAt(thrower);
        Span parent = tree.span(thrower.parentSpanId());
        List<Span> nearby = new ArrayList<>(tree.children(thrower));
        if (parent != null) {
            nearby.addAll(tree.children(parent));
        }
        return nearby.stream()
                .filter(span ->
                        span != thrower && span.service().equals(thrower.service()) && span.endNanos() <= failedAt)
                .max(Comparator.comparingLong(Span::endNanos).thenComparingLong(Span::startNanos))
                .map(span -> new Evidence(span.spanId(), span.name(), RepeatedCalls.statement(span), rows(span)))
                .orElse(null);
    }

    private static Long rows(Span span) {
        try {
            String rows = span.attributes().get(RETURNED_ROWS);
            return rows == null ? null : Long.valueOf(rows.strip());
        } catch (NumberFormatException e) {
            return null; // not a count: say nothing rather than something wrong
        }
    }

    /**
     * "POST /cart/checkout in cart-service failed with HTTP 500 because CheckoutHandler.handle threw
     * EmptyCartException ("cart of user-4711 is empty") right after SELECT … returned 0 rows".
     */
    private static String sentence(Span request, FirstError cause, Span thrower, Evidence evidence) {
        StringBuilder text = new StringBuilder()
                .append(request.name())
                .append(" in ")
                .append(request.service())
                .append(" failed");
        if (request.httpStatus() >= 400) {
            text.append(" with HTTP ").append(request.httpStatus());
        }
        if (cause != null) {
            boolean itself = cause.spanId().equals(request.spanId());
            String quoted = cause.message().isEmpty() ? "" : " (\"" + cause.message() + "\")";
            if (!cause.type().isEmpty()) {
                text.append(" because ")
                        .append(itself ? "it" : cause.name())
                        .append(" threw ")
                        .append(simpleName(cause.type()))
                        .append(quoted);
            } else if (!itself) {
                text.append(" because ").append(cause.name()).append(" failed").append(quoted);
            } else if (!cause.message().isEmpty()) {
                text.append(": ").append(cause.message());
            }
            if (PathGroup.isDatabase(thrower)) {
                text.append(" on ").append(PathGroup.database(thrower));
            }
        }
        if (evidence != null) {
            text.append(" right after ").append(evidence.statement());
            if (evidence.returnedRows() != null) {
                text.append(" returned ")
                        .append(evidence.returnedRows())
                        .append(evidence.returnedRows() == 1 ? " row" : " rows");
            }
        }
        return text.toString();
    }

    /** "EmptyCartException" for "com.example.cart.EmptyCartException"; other languages' types as they are. */
    private static String simpleName(String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return simple.isEmpty() ? type : simple;
    }
}
