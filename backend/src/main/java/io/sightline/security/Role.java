package io.sightline.security;

/** A user's role: admins see every project and manage settings; viewers only read. */
public enum Role {
    ADMIN,
    MEMBER,
    VIEWER
}
