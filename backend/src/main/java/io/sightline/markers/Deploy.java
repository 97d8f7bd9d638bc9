package io.sightline.markers;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code deploys}; unique per (project, service, version, environment). */
@Entity
@Table(name = "deploys")
class Deploy {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long projectId;

    private String service;

    private String version;

    private String environment;

    private String commitSha;

    private Instant deployedAt;

    @Enumerated(EnumType.STRING)
    private DeployMarker.Source source;

    protected Deploy() {}

    Deploy(
            long projectId,
            String service,
            String version,
            String environment,
            String commitSha,
            Instant deployedAt,
            DeployMarker.Source source) {
        this.projectId = projectId;
        this.service = service;
        this.version = version;
        this.environment = environment;
        this.commitSha = commitSha;
        this.deployedAt = deployedAt;
        this.source = source;
    }

    long projectId() {
        return projectId;
    }

    DeployMarker marker() {
        return new DeployMarker(id, service, version, environment, commitSha, deployedAt, source);
    }
}
