package io.sightline.security;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What every password must be, wherever it is set: by an admin creating a user or resetting a
 * password, by users changing their own, and by {@code SIGHTLINE_BOOTSTRAP_ADMIN_PASSWORD}.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    /** bcrypt reads only the first 72 bytes; a longer password would be silently cut. */
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {}

    /**
     * Why {@code password} cannot be {@code username}'s password, as the end of a sentence that starts
     * with the password ("must have at least 12 characters"); empty when it can.
     */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must have at most " + MAX_BYTES + " bytes in UTF-8 (bcrypt ignores the rest)");
        }
        if (password.isBlank()) {
            return Optional.of("must not be only spaces");
        }
        if (username != null && password.strip().equalsIgnoreCase(username.strip())) {
            return Optional.of("must not be the user name");
        }
        return Optional.empty();
    }

    /** Throws {@link AccountException} ("The password must ...") when {@link #problem} finds one. */
    static void require(String username, String password) {
        problem(username, password).ifPresent(problem -> {
            throw new AccountException("The password " + problem + ".");
        });
    }
}
