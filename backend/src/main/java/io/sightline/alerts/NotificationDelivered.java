package io.sightline.alerts;

/**
 * A Spring application event: what became of one notification, published once per {@link
 * AlertNotifier#send} on the notifier's own thread (never the caller's), for the alert's history.
 *
 * @param eventId the notification's {@link Notification#eventId()}
 * @param attempts delivery attempts made (0 when it was dropped, or refused before any attempt)
 * @param detail why it failed or was dropped (an HTTP status with the start of the answer, the
 *     connection's error, the URL's problem); empty when sent
 */
public record NotificationDelivered(long eventId, long ruleId, Outcome outcome, int attempts, String detail) {

    public enum Outcome {
        /** The webhook answered 2xx. */
        SENT,
        /**
         * Given up: the webhook refused it (a 4xx other than 429, a redirect), the URL may no longer be
         * used, or every attempt failed.
         */
        FAILED,
        /** Never sent: the notifier's queue was full, or the server stopped before it went out. */
        DROPPED
    }
}
