package io.sightline.alerts;

/** The body a rule's webhook receives: Sightline's JSON, a Slack incoming-webhook payload, or Alertmanager's. */
public enum NotificationFormat {
    JSON,
    SLACK,
    ALERTMANAGER
}
