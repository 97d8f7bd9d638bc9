package io.sightline.markers;

import io.sightline.security.ProjectAccess;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deploy markers in the metadata database: written by {@code deploys} (detected or posted), read by
 * every page that draws them. It sits below the features so that reading markers (the endpoint
 * page) does not make one feature depend on another.
 */
@Repository
public class DeployMarkers {

    private final JdbcClient jdbc;
    private final ProjectAccess projectAccess;

    public DeployMarkers(JdbcClient jdbc, ProjectAccess projectAccess) {
        this.jdbc = jdbc;
        this.projectAccess = projectAccess;
    }

    /** Records a marker unless that service version is already marked in that environment; true when added. */
    public boolean add(
            long project,
            String service,
            String version,
            String environment,
            String commit,
            Instant at,
            DeployMarker.Source source) {
        try {
            return jdbc.sql("""
                            INSERT INTO deploys (project_id, service, version, environment, commit_sha, deployed_at, source)
                            VALUES (:project, :service, :version, :environment, :commit, :at, :source)""")
                            .param("project", project)
                            .param("service", service)
                            .param("version", version)
                            .param("environment", environment)
                            .param("commit", commit)
                            .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                            .param("source", source.name())
                            .update()
                    == 1;
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
        return jdbc.sql("""
                        SELECT id, service, version, environment, commit_sha, deployed_at, source FROM deploys
                        WHERE project_id IN (:projects) AND deployed_at >= :from AND deployed_at < :to
                          AND (:service = '' OR service = :service)
                        ORDER BY deployed_at, id""")
                .param("projects", projects)
                .param("service", service == null ? "" : service)
                .param("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
                .param("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
                .query((row, n) -> new DeployMarker(
                        row.getLong("id"),
                        row.getString("service"),
                        row.getString("version"),
                        row.getString("environment"),
                        row.getString("commit_sha"),
                        row.getObject("deployed_at", OffsetDateTime.class).toInstant(),
                        DeployMarker.Source.valueOf(row.getString("source"))))
                .list();
    }
}
