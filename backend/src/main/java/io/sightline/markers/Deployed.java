package io.sightline.markers;

/**
 * A deploy with its neighbours: the deploys of the same service in the same project and environment
 * just before and just after it ({@code null} when there is none). The version it replaced is
 * {@code previous}; it ran until {@code next}.
 */
public record Deployed(DeployMarker deploy, DeployMarker previous, DeployMarker next) {}
