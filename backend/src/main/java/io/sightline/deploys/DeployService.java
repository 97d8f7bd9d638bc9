package io.sightline.deploys;

import io.sightline.markers.DeployMarker;
import io.sightline.markers.DeployMarkers;
import io.sightline.security.ProjectAccess;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Deploy markers: detected the first time a service reports a new {@code service.version} (ingest
 * calls {@link #seen} for every batch; a cache keeps that to one database write per new version
 * per instance), or posted by a pipeline. Pages read them through {@link DeployMarkers}.
 */
@Service
public class DeployService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeployService.class);

    private final DeployMarkers repository;
    private final ProjectAccess projectAccess;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    DeployService(DeployMarkers repository, ProjectAccess projectAccess) {
        this.repository = repository;
        this.projectAccess = projectAccess;
    }

    /** A service reported spans with this version, the earliest starting at {@code firstSeen}. */
    public void seen(long project, String service, String version, String environment, Instant firstSeen) {
        if (version.isEmpty()) {
            return;
        }
        String key = project + "\u0000" + service + "\u0000" + version + "\u0000" + environment;
        if (known.add(key)) {
            try {
                repository.add(project, service, version, environment, null, firstSeen, DeployMarker.Source.DETECTED);
            } catch (RuntimeException e) {
                known.remove(key); // the next batch tries again; the spans themselves are stored already
                log.warn("Could not record the deploy of {} {}: {}", service, version, e.getMessage());
            }
        }
    }

    /** A pipeline (an API key with the ingest scope) says it deployed; false when that version is already marked there. */
    public boolean post(String service, String version, String environment, String commit, Instant at) {
        long project = projectAccess.ingestProject();
        return repository.add(project, service, version, environment == null ? "" : environment, commit,
                at == null ? Instant.now() : at, DeployMarker.Source.POSTED);
    }
}
