package io.sightline.security;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code api_keys}: never the secret, only its SHA-256 and a prefix to tell keys apart. */
@Entity
@Table(name = "api_keys")
class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_id")
    private long projectId;

    // Read-only, for queries that show the project's name; projectId is what is written and read on
    // the hot path, so authenticating never loads the project.
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "project_id", insertable = false, updatable = false)
    private Project project;

    private String name;

    private String prefix;

    // CHAR(64) in the schema: a SHA-256 in hex is always 64 characters, so nothing is padded.
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 64)
    private String secretHash;

    @Convert(converter = ScopesConverter.class)
    private Set<Scope> scopes;

    @Column(updatable = false)
    private Instant createdAt;

    private Instant lastUsedAt;

    private Instant revokedAt;

    /** Made from the bootstrap secret: a new secret at start revokes it. */
    private boolean bootstrap;

    protected ApiKey() {}

    ApiKey(long projectId, String name, String prefix, String secretHash, Set<Scope> scopes, boolean bootstrap) {
        this.projectId = projectId;
        this.name = name;
        this.prefix = prefix;
        this.secretHash = secretHash;
        this.scopes = Set.copyOf(scopes);
        this.bootstrap = bootstrap;
        this.createdAt = Instant.now();
    }

    long id() {
        return id;
    }

    ApiKeyPrincipal principal() {
        return new ApiKeyPrincipal(id, projectId, name, scopes);
    }

    ApiKeys.KeyInfo info() {
        return new ApiKeys.KeyInfo(
                id, projectId, project.name(), name, prefix, scopes, createdAt, lastUsedAt, revokedAt);
    }
}
