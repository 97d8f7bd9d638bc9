package io.sightline.traces;

import io.sightline.span.Durations;
import java.util.List;
import java.util.Map;

/**
 * Why the request took as long as it did, or why it failed, in one headline. The critical path's
 * time is grouped by what it went to ({@link PathGroup}: a repeated statement, one external host,
 * one database, a service's own code, a queue), largest first, and the headline names the largest
 * group — unless a request in the trace failed: then the headline is the failure and the evidence
 * right before it ({@link RequestFailure}), and the groups still say where the time went.
 *
 * @param summary the headline
 * @param durationMs the critical path's whole length: the root's duration, extended to the end of
 *     asynchronous work it caused (a consumer of its message)
 * @param groups the path's time by what it went to, largest first; shares add up to 100 %
 * @param failure the failed request, or null when none failed
 */
public record Diagnosis(String summary, double durationMs, List<PathGroup> groups, RequestFailure failure) {

    /** Null when nothing failed and the critical path has no length (no spans, or zero duration). */
    static Diagnosis of(TraceTree tree, Map<String, Long> criticalPath, List<RepeatedCalls> repeats) {
        long pathNanos =
                criticalPath.values().stream().mapToLong(Long::longValue).sum();
        RequestFailure failure = RequestFailure.of(tree).orElse(null);
        if (pathNanos <= 0) {
            return failure == null ? null : new Diagnosis(failure.summary(), 0, List.of(), failure);
        }
        List<PathGroup> groups = PathGroup.of(tree, criticalPath, repeats, pathNanos);
        return new Diagnosis(
                failure != null ? failure.summary() : groups.getFirst().summary(),
                Durations.millis(pathNanos),
                groups,
                failure);
    }
}
