package io.sightline.traces;

import io.sightline.security.ProjectAccess;
import io.sightline.span.Durations;
import io.sightline.span.Span;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** A trace by ID for the caller's projects, with tree, self times, critical path and diagnosis. */
@Service
public class TraceService {

    private final TraceQueries queries;
    private final ProjectAccess projectAccess;
    private final RecentViews recent = new RecentViews(TraceQueries.MAX_SPANS);

    TraceService(TraceQueries queries, ProjectAccess projectAccess) {
        this.queries = queries;
        this.projectAccess = projectAccess;
    }

    /** Raw spans of a trace the caller may read; empty when there is none. */
    public List<Span> spans(String traceId) {
        return queries.spansOf(List.of(traceId), projectAccess.readableProjects());
    }

    /** Raw spans of several traces the caller may read, read in one query, in start order. */
    public List<Span> spansOf(Collection<String> traceIds) {
        return queries.spansOf(traceIds, projectAccess.readableProjects());
    }

    /**
     * The traces among {@code traceIds} (normalised) that exist in the caller's projects, read in one
     * query and viewed as {@link #find} views each, in the order asked. At most {@link
     * TraceQueries#MAX_SPANS} spans are read in all, so ask for a few traces at a time.
     */
    public List<TraceView> findAll(Collection<String> traceIds) {
        Map<String, List<Span>> byTrace = queries.spansOf(traceIds, projectAccess.readableProjects()).stream()
                .collect(Collectors.groupingBy(Span::traceId));
        return traceIds.stream()
                .distinct()
                .filter(byTrace::containsKey)
                .map(traceId -> view(traceId, byTrace.get(traceId)))
                .toList();
    }

    /**
     * Empty when the trace does not exist in the caller's projects. The ID must be normalised. A view
     * the trace page built for this caller's projects moments ago is served as it is ({@link RecentViews}).
     */
    public Optional<TraceView> find(String traceId) {
        Set<Long> projects = projectAccess.readableProjects();
        return recent.take(traceId, projects, System.nanoTime()).or(() -> read(traceId, projects));
    }

    /** As {@link #find}, keeping the view for the JSON request the page's script makes next. */
    Optional<TraceView> findForPage(String traceId) {
        Set<Long> projects = projectAccess.readableProjects();
        Optional<TraceView> view = read(traceId, projects);
        view.ifPresent(found -> recent.put(traceId, projects, found, System.nanoTime()));
        return view;
    }

    private Optional<TraceView> read(String traceId, Set<Long> projects) {
        List<Span> spans = queries.spansOf(List.of(traceId), projects);
        return spans.isEmpty() ? Optional.empty() : Optional.of(view(traceId, spans));
    }

    static TraceView view(String traceId, List<Span> spans) {
        TraceTree tree = new TraceTree(spans);
        Map<String, Long> path = CriticalPath.of(tree);
        long start = tree.startNanos();
        List<TraceView.SpanView> views = tree.depthFirst().stream()
                .map(placed -> {
                    Span span = placed.span();
                    return new TraceView.SpanView(
                            span.spanId(),
                            span.parentSpanId(),
                            placed.depth(),
                            span.service(),
                            span.name(),
                            span.kind(),
                            span.endpoint(),
                            Durations.millis(span.startNanos() - start),
                            Durations.millis(span.durationNanos()),
                            Durations.millis(tree.selfNanos(span)),
                            path.containsKey(span.spanId()),
                            Durations.millis(path.getOrDefault(span.spanId(), 0L)),
                            span.status(),
                            span.statusMessage(),
                            span.httpMethod(),
                            span.httpStatus(),
                            span.userId(),
                            span.serviceVersion(),
                            span.environment(),
                            span.attributes(),
                            span.attributeTypes(),
                            span.resource(),
                            span.events().stream()
                                    .map(event -> new TraceView.EventView(
                                            Durations.millis(event.timeNanos() - start),
                                            event.name(),
                                            event.attributes()))
                                    .toList(),
                            span.links(),
                            BoundSql.of(span.attributes()));
                })
                .toList();
        List<TraceView.PathStep> steps = path.entrySet().stream()
                .map(step -> {
                    Span span = tree.span(step.getKey());
                    return new TraceView.PathStep(
                            span.spanId(), span.service(), span.name(), Durations.millis(step.getValue()));
                })
                .toList();
        List<RepeatedCalls> repeats = RepeatedCalls.of(tree);
        return new TraceView(
                traceId,
                Instant.ofEpochSecond(0, start),
                Math.floorDiv(start, 1_000_000L),
                Durations.millis(tree.durationNanos()),
                spans.stream().map(Span::service).distinct().sorted().toList(),
                spans.size(),
                (int) spans.stream()
                        .filter(span -> span.status() == Span.StatusCode.ERROR)
                        .count(),
                views,
                steps,
                Diagnosis.of(tree, path, repeats),
                FirstError.of(spans).orElse(null),
                repeats);
    }
}
