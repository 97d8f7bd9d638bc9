package io.sightline.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

// SEAM PLACEHOLDER: the alerts-notify branch replaces this class with the real evidence and webhook
// delivery. It must not reach main on its own.
@Component
class PendingAlertDelivery implements AlertEvidence, AlertNotifier {

    private static final Logger log = LoggerFactory.getLogger(PendingAlertDelivery.class);

    @Override
    public Evidence collect(Breach breach) {
        return Evidence.none();
    }

    @Override
    public void send(Notification notification) {
        log.info("alert notification not delivered (placeholder): {}", notification);
    }
}
