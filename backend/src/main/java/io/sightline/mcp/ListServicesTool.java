package io.sightline.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.sightline.latency.EndpointService;
import io.sightline.latency.EndpointService.EndpointStats;
import io.sightline.web.Formats;
import io.sightline.web.Parameters;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** {@code list_services}: the overview — services and endpoints with volume, errors and p50/p95/p99. */
@Component
class ListServicesTool implements McpTool {

    private final EndpointService endpoints;
    private final ToolWindows windows;

    ListServicesTool(EndpointService endpoints, ToolWindows windows) {
        this.endpoints = endpoints;
        this.windows = windows;
    }

    /** The window and one row per endpoint, as {@code GET /api/v1/endpoints} gives them. */
    record Overview(Instant from, Instant to, List<EndpointStats> endpoints) {}

    @Override
    public McpSchema.Tool definition() {
        return McpSchema.Tool.builder()
                .name("list_services")
                .title("Services and endpoints")
                .description("The services and endpoints that served requests in the window, each with requests,"
                        + " errors, error rate, requests per minute and p50/p95/p99 in milliseconds: the busiest,"
                        + " most failing and slowest named first. Start here to learn the names the other tools"
                        + " take.")
                .annotations(READS)
                .inputSchema(new ToolSchema()
                        .text("service", "Only this service (service.name).")
                        .window("1h", true)
                        .build())
                .build();
    }

    @Override
    public Answer answer(ToolArguments arguments) {
        ToolWindows.Window window = windows.resolve(arguments, "1h", Instant.now());
        String service = Parameters.first(window.parameters(), "service");
        List<EndpointStats> rows = endpoints.endpoints(window.from(), window.to(), service);
        return new Answer(conclusion(rows, window.described()), new Overview(window.from(), window.to(), rows));
    }

    static String conclusion(List<EndpointStats> rows, String window) {
        if (rows.isEmpty()) {
            return "No requests " + window + " in this project.";
        }
        long requests = rows.stream().mapToLong(EndpointStats::requests).sum();
        long errors = rows.stream().mapToLong(EndpointStats::errors).sum();
        long services = rows.stream().map(EndpointStats::service).distinct().count();
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "%s in %s served %s %s; %,d failed (%s).",
                Formats.count(rows.size(), "endpoint"),
                Formats.count(services, "service"),
                Formats.count(requests, "request"),
                window,
                errors,
                Formats.percent((double) errors / requests)));
        EndpointStats busiest = max(rows, Comparator.comparingLong(EndpointStats::requests));
        text.append(" Busiest: ")
                .append(name(busiest))
                .append(" with ")
                .append(Formats.count(busiest.requests(), "request"))
                .append('.');
        EndpointStats failing = max(rows, Comparator.comparingDouble(EndpointStats::errorRate));
        if (failing.errors() > 0) {
            text.append(" Highest error rate: ")
                    .append(name(failing))
                    .append(" at ")
                    .append(Formats.percent(failing.errorRate()))
                    .append('.');
        }
        EndpointStats slowest = max(rows, Comparator.comparingDouble(EndpointStats::p99Ms));
        text.append(" Slowest p99: ")
                .append(name(slowest))
                .append(" at ")
                .append(Formats.duration(slowest.p99Ms()))
                .append(" (p50 ")
                .append(Formats.duration(slowest.p50Ms()))
                .append(").");
        return text.toString();
    }

    private static EndpointStats max(List<EndpointStats> rows, Comparator<EndpointStats> order) {
        return rows.stream().max(order).orElseThrow();
    }

    private static String name(EndpointStats row) {
        return row.endpoint() + " of " + row.service();
    }
}
