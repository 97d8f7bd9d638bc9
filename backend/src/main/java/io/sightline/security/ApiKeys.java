package io.sightline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys: issued per project with scopes, stored only as the SHA-256 of the secret.
 *
 * <p>Ingest authenticates every request, so verified keys are remembered for {@link #CACHE_FOR};
 * a revoked key therefore stops working within that time. {@code last_used_at} is written at most
 * once a minute per key.
 */
@Service
public class ApiKeys {

    private static final String BEARER = "Bearer ";

    static final Duration CACHE_FOR = Duration.ofSeconds(30);
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String SECRET_PREFIX = "sl_";

    private final ApiKeyRepository repository;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> verified = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Instant> lastTouched = new ConcurrentHashMap<>();

    ApiKeys(ApiKeyRepository repository) {
        this.repository = repository;
    }

    /** Creates a key with a new random secret; the secret is returned once, only its hash is stored. */
    public IssuedKey issue(long projectId, String name, Set<Scope> scopes) {
        return issueWithSecret(projectId, name, scopes, newSecret(), false);
    }

    /**
     * Creates the bootstrap key of a project: every scope, named {@code bootstrap}, with the
     * operator's secret, or a new random one when {@code secret} is null.
     */
    IssuedKey issueBootstrap(long projectId, String secret) {
        return issueWithSecret(
                projectId, "bootstrap", EnumSet.allOf(Scope.class), secret == null ? newSecret() : secret, true);
    }

    private IssuedKey issueWithSecret(
            long projectId, String name, Set<Scope> scopes, String secret, boolean bootstrap) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        ApiKey key = repository.saveAndFlush(new ApiKey(
                projectId, name, secret.substring(0, Math.min(8, secret.length())), hash(secret), scopes, bootstrap));
        return new IssuedKey(key.id(), projectId, secret);
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Revokes every live bootstrap key except the one whose secret is {@code keep} (null: all of
     * them), at once on this instance; returns how many were revoked.
     */
    public int revokeBootstrap(String keep) {
        int revoked = repository.revokeBootstrap(keep == null ? "" : hash(keep), Instant.now());
        verified.clear();
        return revoked;
    }

    /** Whether a bootstrap key still works. */
    public boolean bootstrapLive() {
        return repository.existsByBootstrapTrueAndRevokedAtIsNull();
    }

    /** A key as settings list it; never its secret. */
    public record KeyInfo(
            long id,
            long projectId,
            String projectName,
            String name,
            String prefix,
            Set<Scope> scopes,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {}

    /** Keys of the given projects, newest first. */
    @Transactional(readOnly = true)
    public List<KeyInfo> list(Set<Long> projectIds) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        return repository.findWithProject(projectIds).stream().map(ApiKey::info).toList();
    }

    /** The project a key belongs to, if the key exists. */
    public Optional<Long> projectOf(long keyId) {
        return repository.findProjectIdById(keyId);
    }

    /** Revokes a key: it stops authenticating at once on this instance, within {@link #CACHE_FOR} elsewhere. */
    public void revoke(long keyId) {
        repository.revoke(keyId, Instant.now());
        verified.values().removeIf(cached -> cached.key().id() == keyId);
    }

    boolean exists(String secret) {
        return repository.existsBySecretHash(hash(secret));
    }

    boolean anyExist() {
        return repository.count() > 0;
    }

    /**
     * The live key an {@code Authorization} value ({@code Bearer <key>}) presents: empty when the
     * value is missing, not a Bearer key, or the key is unknown or revoked.
     */
    public Optional<ApiKeyPrincipal> authenticateBearer(String authorization) {
        return bearerSecret(authorization).flatMap(this::authenticate);
    }

    /** The secret of a {@code Bearer <key>} value; empty for any other (or no) value. */
    static Optional<String> bearerSecret(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).strip());
    }

    /** The live (not revoked) key with this secret, if any. */
    public Optional<ApiKeyPrincipal> authenticate(String secret) {
        String hash = hash(secret);
        Instant now = Instant.now();
        Cached cached = verified.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            touch(cached.key(), now);
            return Optional.of(cached.key());
        }
        Optional<ApiKeyPrincipal> key =
                repository.findBySecretHashAndRevokedAtIsNull(hash).map(ApiKey::principal);
        key.ifPresentOrElse(
                k -> {
                    verified.put(hash, new Cached(k, now.plus(CACHE_FOR)));
                    touch(k, now);
                },
                () -> verified.remove(hash));
        return key;
    }

    private void touch(ApiKeyPrincipal key, Instant now) {
        Instant previous = lastTouched.get(key.id());
        if (previous != null && previous.plus(LAST_USED_RESOLUTION).isAfter(now)) {
            return;
        }
        lastTouched.put(key.id(), now);
        repository.touch(key.id(), now);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Cached(ApiKeyPrincipal key, Instant until) {}
}
