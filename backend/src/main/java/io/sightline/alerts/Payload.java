package io.sightline.alerts;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notification as one format's request body. Bodies are built as JSON trees and written by Jackson,
 * so no span-derived text (a diagnosis, an operation, an attribute value) can break out of its string.
 */
interface Payload {

    /** The request's {@code Content-Type}. */
    default String contentType() {
        return "application/json";
    }

    /** The one mapper of the alerts: payloads, and the evidence kept with each event. */
    JsonMapper JSON = JsonMapper.builder().build();

    ObjectNode tree(Notification notification);

    default byte[] body(Notification notification) {
        return JSON.writeValueAsBytes(tree(notification));
    }

    static Payload of(NotificationFormat format, String publicUrl) {
        return switch (format) {
            case JSON -> new JsonPayload();
            case SLACK -> new SlackPayload();
            case ALERTMANAGER -> new AlertmanagerPayload(publicUrl);
        };
    }
}
