package io.sightline.alerts;

import io.sightline.latency.SlowRequests;
import io.sightline.search.SearchQuery;
import io.sightline.search.TraceSearch;
import io.sightline.security.ProjectScope;
import io.sightline.storage.ClickHouseException;
import io.sightline.traces.TraceService;
import io.sightline.traces.TraceView;
import io.sightline.web.PublicUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A breach's evidence, read as a reader of the breach's project ({@link ProjectScope}) through the
 * features' own services: the exemplars {@link Exemplars} picks, each with its trace's diagnosis (all
 * of them read in one query), and the slow-versus-rest sentences ({@link SetApart}) for the breach's
 * service, endpoint and window — at the rule's percentile for a percentile rule, else at p95. When
 * storage cannot serve a read the evidence is left out (and logged): a notification without evidence
 * is better than none.
 */
@Component
class TraceEvidence implements AlertEvidence {

    private static final Logger log = LoggerFactory.getLogger(TraceEvidence.class);
    private static final double DEFAULT_PERCENTILE = 95;

    private final TraceSearch search;
    private final TraceService traces;
    private final SlowRequests slowRequests;
    private final PublicUrl publicUrl;

    TraceEvidence(TraceSearch search, TraceService traces, SlowRequests slowRequests, PublicUrl publicUrl) {
        this.search = search;
        this.traces = traces;
        this.slowRequests = slowRequests;
        this.publicUrl = publicUrl;
    }

    @Override
    public Evidence collect(Breach breach) {
        return ProjectScope.readingAs(breach.projectId(), () -> {
            try {
                return new Evidence(exemplars(breach), setApart(breach));
            } catch (ClickHouseException e) {
                log.warn("No evidence for the alert on {} {}: {}", breach.service(), breach.endpoint(), e.getMessage());
                return Evidence.none();
            }
        });
    }

    private List<Evidence.Exemplar> exemplars(Breach breach) {
        SearchQuery query = Exemplars.query(breach);
        List<TraceSearch.Result> candidates = search.search(query).results();
        Map<String, TraceView> views =
                traces
                        .findAll(candidates.stream()
                                .map(TraceSearch.Result::traceId)
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(TraceView::traceId, Function.identity()));
        List<TraceSearch.Result> chosen =
                Exemplars.showingRepeats(breach) ? Exemplars.preferRepeated(candidates, views) : candidates;
        List<Evidence.Exemplar> exemplars = new ArrayList<>();
        for (TraceSearch.Result result : chosen.subList(0, Math.min(Evidence.MAX_EXEMPLARS, chosen.size()))) {
            TraceView view = views.get(result.traceId());
            exemplars.add(new Evidence.Exemplar(
                    result.traceId(),
                    result.durationMs(),
                    publicUrl.of("/traces/" + result.traceId()),
                    view == null || view.diagnosis() == null
                            ? null
                            : view.diagnosis().summary()));
        }
        return exemplars;
    }

    private List<String> setApart(Breach breach) {
        double percentile = breach.metric() != null && breach.metric().isPercentile()
                ? Exemplars.percentile(breach.metric())
                : DEFAULT_PERCENTILE;
        return SetApart.sentences(
                slowRequests.difference(breach.service(), breach.endpoint(), breach.from(), breach.to(), percentile));
    }
}
