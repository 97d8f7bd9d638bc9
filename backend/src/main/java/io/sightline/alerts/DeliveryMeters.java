package io.sightline.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sightline.alerts.notifications} (counter; {@code format}, {@code outcome}: {@code sent},
 * {@code failed}, {@code dropped}), one count per notification, and {@code
 * sightline.alerts.notification.retries} ({@code format}), one per attempt that was retried.
 */
final class DeliveryMeters {

    private final Map<NotificationFormat, Map<NotificationDelivered.Outcome, Counter>> outcomes =
            new EnumMap<>(NotificationFormat.class);
    private final Map<NotificationFormat, Counter> retries = new EnumMap<>(NotificationFormat.class);

    DeliveryMeters(MeterRegistry registry) {
        for (NotificationFormat format : NotificationFormat.values()) {
            String formatTag = format.name().toLowerCase(Locale.ROOT);
            Map<NotificationDelivered.Outcome, Counter> byOutcome = new EnumMap<>(NotificationDelivered.Outcome.class);
            for (NotificationDelivered.Outcome outcome : NotificationDelivered.Outcome.values()) {
                byOutcome.put(
                        outcome,
                        Counter.builder("sightline.alerts.notifications")
                                .description("Alert notifications by what became of them")
                                .tag("format", formatTag)
                                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                                .register(registry));
            }
            outcomes.put(format, byOutcome);
            retries.put(
                    format,
                    Counter.builder("sightline.alerts.notification.retries")
                            .description("Alert notification attempts that failed and were tried again")
                            .tag("format", formatTag)
                            .register(registry));
        }
    }

    void finished(NotificationFormat format, NotificationDelivered.Outcome outcome) {
        outcomes.get(format).get(outcome).increment();
    }

    void retried(NotificationFormat format) {
        retries.get(format).increment();
    }
}
