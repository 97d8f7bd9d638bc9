package io.sightline.traces;

import io.sightline.web.Formats;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * The trace page: its summary and diagnosis rendered here; the waterfall and span details are drawn by
 * {@code trace.ts} from {@code GET /api/v1/traces/{id}}, only the rows in view, so a trace of 100,000
 * spans opens as fast as a small one. Plus two traces side by side, and the header's trace-ID box.
 */
@Controller
class TracePage {

    private final TraceService traces;

    TracePage(TraceService traces) {
        this.traces = traces;
    }

    @GetMapping("/traces/{traceId}")
    ModelAndView trace(@PathVariable String traceId) {
        var id = TraceIds.normalise(traceId);
        if (id.isEmpty()) {
            return notFound(traceId, HttpStatus.BAD_REQUEST);
        }
        if (!id.get().equals(traceId)) {
            return new ModelAndView("redirect:/traces/" + id.get());
        }
        return traces.findForPage(id.get())
                .map(view -> new ModelAndView("traces/trace", Map.of("trace", view, "groups", groups(view))))
                .orElseGet(() -> notFound(id.get(), HttpStatus.NOT_FOUND));
    }

    /**
     * The spans the page's script draws, in its compact form ({@link WaterfallJson}); the view the page
     * request just built is reused ({@link TraceService#find}). 400 for a malformed ID, 404 when none
     * of the caller's projects holds the trace.
     */
    @GetMapping("/traces/{traceId}/spans")
    @ResponseBody
    ResponseEntity<?> spans(@PathVariable String traceId) {
        return TraceIds.normalise(traceId)
                .<ResponseEntity<?>>map(id -> traces.find(id)
                        .<ResponseEntity<?>>map(view -> ResponseEntity.ok(WaterfallJson.of(view)))
                        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                                .body(new TraceApi.Problem(TraceIds.notFound(id)))))
                .orElseGet(() -> ResponseEntity.badRequest().body(new TraceApi.Problem(TraceIds.NOT_A_TRACE_ID)));
    }

    /** Two traces side by side, such as a request before and after a deploy. */
    @GetMapping("/traces/compare")
    ModelAndView sideBySide(@RequestParam String left, @RequestParam String right) {
        var leftId = TraceIds.normalise(left);
        var rightId = TraceIds.normalise(right);
        if (leftId.isEmpty() || rightId.isEmpty()) {
            return notFound(leftId.isEmpty() ? left : right, HttpStatus.BAD_REQUEST);
        }
        var leftTrace = traces.find(leftId.get());
        var rightTrace = traces.find(rightId.get());
        if (leftTrace.isEmpty() || rightTrace.isEmpty()) {
            return notFound(leftTrace.isEmpty() ? leftId.get() : rightId.get(), HttpStatus.NOT_FOUND);
        }
        return new ModelAndView(
                "traces/side-by-side",
                Map.of(
                        "sides",
                        List.of(
                                new Side(leftTrace.get(), rows(leftTrace.get())),
                                new Side(rightTrace.get(), rows(rightTrace.get())))));
    }

    /** One column of the side-by-side view. */
    record Side(TraceView trace, List<Row> rows) {}

    /**
     * Where the header's trace-ID box submits (when its script did not already jump): any accepted
     * form of ID redirects to the trace's canonical address; anything else is a 400 page saying why.
     */
    @GetMapping({"/traces/lookup", "/traces"})
    ModelAndView lookup(@RequestParam(name = "id", defaultValue = "") String id) {
        return TraceIds.normalise(id)
                .map(normalised -> new ModelAndView("redirect:/traces/" + normalised))
                .orElseGet(() -> notFound(id, HttpStatus.BAD_REQUEST));
    }

    private static ModelAndView notFound(String id, HttpStatus status) {
        ModelAndView page = new ModelAndView("traces/not-found", status);
        page.addObject("traceId", id);
        page.addObject("malformed", status == HttpStatus.BAD_REQUEST);
        return page;
    }

    /** A row of the side-by-side waterfalls: the span and its bar in a 0–1000 coordinate space (SVG attributes, not styles). */
    record Row(TraceView.SpanView span, double x, double width, String serviceClass) {}

    /** Services in order of first appearance, each with its colour class (eight colours, repeating). */
    record ServiceColour(String service, String serviceClass) {}

    static List<ServiceColour> colours(TraceView trace) {
        List<String> services = trace.spans().stream()
                .map(TraceView.SpanView::service)
                .distinct()
                .toList();
        return IntStream.range(0, services.size())
                .mapToObj(i -> new ServiceColour(services.get(i), "svc-" + (i % 8)))
                .toList();
    }

    /** One line of the diagnosis' list: what a share of the critical path went to. */
    record GroupLine(String kind, String label, int spanCount, String time, String share) {}

    static List<GroupLine> groups(TraceView trace) {
        if (trace.diagnosis() == null) {
            return List.of();
        }
        return trace.diagnosis().groups().stream()
                .map(group -> new GroupLine(
                        group.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        group.label(),
                        group.spanCount(),
                        Formats.nanos(Math.round(group.criticalPathMs() * 1_000_000)),
                        // Whole percent, as the headline says it.
                        Formats.percent(group.sharePercent() / 100)))
                .toList();
    }

    static List<Row> rows(TraceView trace) {
        double total = trace.durationMs();
        Map<String, String> colourOf = new HashMap<>();
        colours(trace).forEach(colour -> colourOf.put(colour.service(), colour.serviceClass()));
        return trace.spans().stream()
                .map(span -> new Row(
                        span,
                        total <= 0 ? 0 : Math.min(1000, span.startOffsetMs() / total * 1000),
                        total <= 0 ? 1000 : Math.max(2, span.durationMs() / total * 1000),
                        colourOf.get(span.service())))
                .toList();
    }
}
