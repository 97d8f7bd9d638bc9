package io.sightline.forward;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/forwarding}, admins only (see SecurityConfiguration): each destination with
 * its endpoint, protocol and span counts since start — queued (the batch being sent included),
 * sent, failed, dropped. Header values are never shown.
 */
@RestController
class ForwardingApi {

    private final Forwarder forwarder;

    ForwardingApi(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    record Forwarding(List<Forwarder.Status> destinations) {}

    @GetMapping("/api/v1/forwarding")
    Forwarding forwarding() {
        return new Forwarding(forwarder.status());
    }
}
