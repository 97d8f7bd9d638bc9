package io.sightline.deploys;

import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import io.sightline.security.ProjectAccess;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Deploy markers: posted by a pipeline, or detected the first time committed spans carry a new
 * {@code service.version} ({@link DeployDetector}). Pages read them through {@link DeployMarkers}.
 */
@Service
public class DeployService {

    private final DeployMarkers repository;
    private final ProjectAccess projectAccess;

    DeployService(DeployMarkers repository, ProjectAccess projectAccess) {
        this.repository = repository;
        this.projectAccess = projectAccess;
    }

    /** A pipeline (an API key with the ingest scope) says it deployed; false when that version is already marked there. */
    public boolean post(String service, String version, String environment, String commit, Instant at) {
        long project = projectAccess.ingestProject();
        return repository.add(
                project,
                service,
                version,
                environment == null ? "" : environment,
                commit,
                at == null ? Instant.now() : at,
                DeployMarker.Source.POSTED);
    }
}
