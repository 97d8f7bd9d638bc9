package io.sightline.forward;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/forwarding}, admins only (see SecurityConfiguration): each destination with
 * its endpoint, protocol and span counts since start — queued (the batch being sent included),
 * sent, failed, dropped. Header values are never shown.
 */
@RestController
@Tag(name = "Forwarding")
class ForwardingApi {

    private final Forwarder forwarder;

    ForwardingApi(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    record Forwarding(List<Forwarder.Status> destinations) {}

    @Operation(
            operationId = "getForwarding",
            summary = "Where committed spans are re-exported, and how it goes",
            description = "Signed-in admins only; API keys get 403. Each configured OTLP destination with its"
                    + " endpoint, protocol and span counts since this instance started: queued (the batch being"
                    + " sent included), sent, failed (refused for good or rejected through partial_success) and"
                    + " dropped (queue full, or left at shutdown). Header values are never shown.")
    @GetMapping("/api/v1/forwarding")
    Forwarding forwarding() {
        return new Forwarding(forwarder.status());
    }
}
