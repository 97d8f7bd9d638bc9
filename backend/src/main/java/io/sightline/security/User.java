package io.sightline.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code users}: someone who signs in to the pages, with a bcrypt password hash. */
@Entity
@Table(name = "users")
class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;

    private String passwordHash;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(updatable = false)
    private Instant createdAt;

    protected User() {}

    User(String username, String passwordHash, Role role) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = Instant.now();
    }

    long id() {
        return id;
    }

    String username() {
        return username;
    }

    Role role() {
        return role;
    }

    UserPrincipal principal() {
        return new UserPrincipal(id, username, passwordHash, role);
    }
}
