package io.sightline.security;

/** What an API key may do within its project. */
public enum Scope {
    /** Send spans to {@code /v1/traces}. */
    INGEST,
    /** Read traces and analytics through the APIs. */
    READ,
    /** Create, change and delete the project's alert rules (and read them). */
    MANAGE
}
