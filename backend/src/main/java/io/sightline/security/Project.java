package io.sightline.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code projects}: the unit of data ownership. */
@Entity
@Table(name = "projects")
class Project {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @Column(updatable = false)
    private Instant createdAt;

    /** Spans per second (0 unlimited); null follows the instance default. */
    private Long ingestSpansPerSecond;

    protected Project() {}

    Project(String name) {
        this.name = name;
        this.createdAt = Instant.now();
    }

    long id() {
        return id;
    }

    String name() {
        return name;
    }

    Long ingestSpansPerSecond() {
        return ingestSpansPerSecond;
    }
}
