package io.sightline.alerts;

/** A rule's state: {@code OK} → {@code FIRING} when its condition holds → {@code RESOLVED} when it stops. */
public enum AlertState {
    OK,
    FIRING,
    RESOLVED
}
