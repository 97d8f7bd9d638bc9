package io.sightline.alerts;

/**
 * A notification as one format's request body. Bodies are built as JSON trees and written by Jackson,
 * so no span-derived text (a diagnosis, an operation, an attribute value) can break out of its string.
 */
interface Payload {

    /** The request's {@code Content-Type}. */
    default String contentType() {
        return "application/json";
    }

    byte[] body(Notification notification);

    static Payload of(NotificationFormat format, String publicUrl) {
        return switch (format) {
            case JSON -> new JsonPayload();
            case SLACK -> new SlackPayload();
            case ALERTMANAGER -> new AlertmanagerPayload(publicUrl);
        };
    }
}
