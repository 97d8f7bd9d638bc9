package io.sightline.security;

/** An admin changed a project's ingest quota; whoever enforces it re-reads it now. */
public record IngestQuotaChanged(long projectId) {}
