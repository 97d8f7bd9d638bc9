package io.sightline.security;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * A row of {@code memberships}: a user belongs to a project. The row is its own key, so a new one is
 * always inserted ({@link Persistable#isNew()}), never merged: adding a member twice hits the primary
 * key and fails as it did with plain SQL, instead of passing silently.
 */
@Entity
@Table(name = "memberships")
class Membership implements Persistable<Membership.Key> {

    /** The primary key (user_id, project_id). */
    @Embeddable
    record Key(long userId, long projectId) {}

    @EmbeddedId
    private Key id;

    @Transient
    private boolean isNew = true;

    protected Membership() {}

    Membership(long userId, long projectId) {
        this.id = new Key(userId, projectId);
    }

    @Override
    public Key getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }
}
