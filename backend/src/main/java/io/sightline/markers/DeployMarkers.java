package io.sightline.markers;

import io.sightline.security.ProjectAccess;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Limit;
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

    /**
     * The caller's readable deploys in [from, to), of one service or (null) all, newest first, at most
     * {@code limit}, each with its neighbours.
     */
    public List<Deployed> recent(String service, Instant from, Instant to, int limit) {
        Set<Long> projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return List.of();
        }
        return repository.findRecent(projects, service == null ? "" : service, from, to, Limit.of(limit)).stream()
                .map(this::withNeighbours)
                .toList();
    }

    /**
     * The caller's newest deploys, newest first, at most {@code limit}: of one service or (null) all,
     * in one environment or (null) any.
     */
    public List<DeployMarker> latest(String service, String environment, int limit) {
        Set<Long> projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return List.of();
        }
        return repository
                .findLatest(
                        projects,
                        service == null ? "" : service,
                        environment == null ? "" : environment,
                        Limit.of(limit))
                .stream()
                .map(Deploy::marker)
                .toList();
    }

    /** Every readable deploy of that service version (one per project and environment), with its neighbours. */
    public List<Deployed> ofVersion(String service, String version) {
        Set<Long> projects = projectAccess.readableProjects();
        if (projects.isEmpty()) {
            return List.of();
        }
        return repository.findByProjectIdInAndServiceAndVersion(projects, service, version).stream()
                .map(this::withNeighbours)
                .toList();
    }

    private Deployed withNeighbours(Deploy deploy) {
        DeployMarker marker = deploy.marker();
        long project = deploy.projectId();
        DeployMarker previous = repository
                .findBefore(project, marker.service(), marker.environment(), marker.at(), marker.id(), Limit.of(1))
                .stream()
                .findFirst()
                .map(Deploy::marker)
                .orElse(null);
        DeployMarker next = repository
                .findAfter(project, marker.service(), marker.environment(), marker.at(), marker.id(), Limit.of(1))
                .stream()
                .findFirst()
                .map(Deploy::marker)
                .orElse(null);
        return new Deployed(marker, previous, next);
    }
}
