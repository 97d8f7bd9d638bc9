package io.sightline.markers;

import java.time.Instant;

/** A deploy of one service version into one environment ({@code ""} when unknown). */
public record DeployMarker(
        long id, String service, String version, String environment, String commit, Instant at, Source source) {

    public enum Source {
        DETECTED,
        POSTED
    }
}
