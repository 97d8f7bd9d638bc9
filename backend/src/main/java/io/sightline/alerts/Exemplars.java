package io.sightline.alerts;

import io.sightline.search.SearchQuery;
import io.sightline.search.TraceSearch;
import io.sightline.traces.TraceView;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which requests show a breach, as a request search over the breach's service, endpoint and window:
 *
 * <ul>
 *   <li>a percentile above its line: the slowest requests at or above the line; below it: the latest
 *       requests at or under it;
 *   <li>an error rate above its line: the latest failed requests; below it, and throughput either way
 *       (no request crosses a rate): the latest requests, which show what the traffic was;
 *   <li>a deploy regression: requests of the new version — the slowest for a latency regression, the
 *       latest failed ones for an error-rate regression, and for an N+1 the slowest of {@link
 *       #N_PLUS_ONE_CANDIDATES}, those whose trace shows a repeated statement first.
 * </ul>
 */
final class Exemplars {

    /** Requests read for an N+1, so that five showing the repeated statement are found among them. */
    static final int N_PLUS_ONE_CANDIDATES = 20;

    private Exemplars() {}

    static SearchQuery query(Breach breach) {
        boolean above = !"below".equalsIgnoreCase(breach.operator());
        String version = breach.deploy() == null ? null : breach.deploy().version();
        AlertMetric metric = breach.metric();
        if (breach.deploy() != null) {
            if (metric == AlertMetric.ERROR_RATE) {
                return search(
                        breach,
                        version,
                        SearchQuery.Status.ERROR,
                        null,
                        null,
                        SearchQuery.Sort.TIME,
                        Evidence.MAX_EXEMPLARS);
            }
            int limit = showingRepeats(breach) ? N_PLUS_ONE_CANDIDATES : Evidence.MAX_EXEMPLARS;
            return search(breach, version, null, null, null, SearchQuery.Sort.DURATION, limit);
        }
        if (metric.isPercentile()) {
            return above
                    ? search(
                            breach,
                            null,
                            null,
                            breach.threshold(),
                            null,
                            SearchQuery.Sort.DURATION,
                            Evidence.MAX_EXEMPLARS)
                    : search(
                            breach,
                            null,
                            null,
                            null,
                            breach.threshold(),
                            SearchQuery.Sort.TIME,
                            Evidence.MAX_EXEMPLARS);
        }
        SearchQuery.Status status = metric == AlertMetric.ERROR_RATE && above ? SearchQuery.Status.ERROR : null;
        return search(breach, null, status, null, null, SearchQuery.Sort.TIME, Evidence.MAX_EXEMPLARS);
    }

    /** Whether the breach is a deploy's N+1, whose exemplars should show the repeated statement. */
    static boolean showingRepeats(Breach breach) {
        return breach.deploy() != null && breach.metric() == null;
    }

    /** The candidates whose trace has repeated calls first, each group in its order. */
    static List<TraceSearch.Result> preferRepeated(List<TraceSearch.Result> candidates, Map<String, TraceView> views) {
        return Stream.concat(
                        candidates.stream().filter(result -> repeats(views.get(result.traceId()))),
                        candidates.stream().filter(result -> !repeats(views.get(result.traceId()))))
                .toList();
    }

    /** A percentile metric's rank, 50 for p50. */
    static double percentile(AlertMetric metric) {
        return Double.parseDouble(metric.apiName().substring(1));
    }

    private static boolean repeats(TraceView view) {
        return view != null && !view.repeatedCalls().isEmpty();
    }

    private static SearchQuery search(
            Breach breach,
            String version,
            SearchQuery.Status status,
            Double minMs,
            Double maxMs,
            SearchQuery.Sort sort,
            int limit) {
        return new SearchQuery(
                breach.from(),
                breach.to(),
                breach.service(),
                breach.endpoint(),
                status,
                null,
                null,
                null,
                minMs,
                maxMs,
                null,
                version,
                null,
                List.of(),
                sort,
                limit,
                null);
    }
}
