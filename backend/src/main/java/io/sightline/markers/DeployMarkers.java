package io.sightline.markers;

import io.sightline.security.ProjectAccess;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Deploy markers in the metadata database: written by {@code deploys} (detected or posted), read by
 * every page that draws them. It sits below the features so that reading markers (the endpoint
 * page) does not make one feature depend on another.
 */
@Service
public class DeployMarkers {

    private final DeployRepository repository;
    private final ProjectAccess projectAccess;

    public DeployMarkers(DeployRepository repository, ProjectAccess projectAccess) {
        this.repository = repository;
        this.projectAccess = projectAccess;
    }

    /**
     * Records a marker unless that service version is already marked in that environment; true when
     * added. Safe under concurrency, across instances too: the table's unique key decides, so of
     * writers racing for one version exactly one gets true. The lookup first answers the usual repeat
     * (a restart, a pipeline posting again) without a failed insert.
     */
    public boolean add(
            long project,
            String service,
            String version,
            String environment,
            String commit,
            Instant at,
            DeployMarker.Source source) {
        if (repository.existsByProjectIdAndServiceAndVersionAndEnvironment(project, service, version, environment)) {
            return false;
        }
        try {
            repository.saveAndFlush(new Deploy(project, service, version, environment, commit, at, source));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The caller's readable markers deployed in [from, to), of one service or (null) all, oldest first. */
    public List<DeployMarker> list(String service, Instant from, Instant to) {
        Set<Long> projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return List.of();
        }
        return repository.findInWindow(projects, service == null ? "" : service, from, to).stream()
                .map(Deploy::marker)
                .toList();
    }
}
