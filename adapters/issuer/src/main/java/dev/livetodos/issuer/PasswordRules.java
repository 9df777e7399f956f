package dev.livetodos.issuer;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a new password must be: at least 8 characters, and at most 72 bytes once encoded as UTF-8,
 * which is all bcrypt (the password encoder's default) reads; Spring Security refuses a longer one
 * rather than ignore its end.
 */
final class PasswordRules {

    static final int MIN_CHARACTERS = 8;
    static final int MAX_BYTES = 72;

    private PasswordRules() {
    }

    static Optional<String> problemWith(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return Optional.of("A password has at least " + MIN_CHARACTERS + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("A password has at most " + MAX_BYTES
                    + " bytes: 72 plain letters or digits, fewer with accents or emoji.");
        }
        return Optional.empty();
    }
}
