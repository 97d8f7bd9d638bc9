package io.sightline.alerts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * What the rules side hands over, captured: the notifications it sends, with the clock the tests move
 * ({@link MovableClock}). The evidence given is one exemplar (the trace a test names) and one sentence; for a service whose name starts with {@code explodes}, gathering evidence
 * fails, as a broken evidence store would.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(MovableClock.Config.class)
class CapturedAlerts {

    @Bean
    @Primary
    Delivery capturedDelivery() {
        return new Delivery();
    }

    static final class Delivery implements AlertEvidence, AlertNotifier {

        final List<Notification> sent = new CopyOnWriteArrayList<>();
        volatile String exemplarTraceId = "0af7651916cd43dd8448eb211c80319c";

        @Override
        public Evidence collect(Breach breach) {
            if (breach.service().startsWith("explodes")) {
                throw new IllegalStateException("evidence store down");
            }
            return new Evidence(
                    List.of(new Evidence.Exemplar(
                            exemplarTraceId,
                            1200.5,
                            "http://sightline.example/traces/" + exemplarTraceId,
                            "The external call POST stripe.com/v1/charges accounts for 940 ms of 1.2 s (78 %)")),
                    List.of("slow requests call payments.Charge 1 time more"));
        }

        @Override
        public void send(Notification notification) {
            sent.add(notification);
        }

        List<Notification> of(long ruleId) {
            return sent.stream().filter(n -> n.ruleId() == ruleId).toList();
        }
    }
}
