package io.sightline.alerts;

/** Sends notifications to webhooks. */
public interface AlertNotifier {

    /**
     * Queues the notification and returns at once: delivery, and its retries with backoff when the
     * webhook fails, happen on the notifier's own threads and never block the caller.
     */
    void send(Notification notification);
}
