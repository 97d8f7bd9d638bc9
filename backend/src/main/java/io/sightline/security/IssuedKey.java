package io.sightline.security;

/** A freshly created API key. The secret exists only here: it is shown once and stored hashed. */
public record IssuedKey(long id, long projectId, String secret) {}
