package dev.livetodos.issuer;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * A person's sign-in name as they chose it (trimmed), and the form two names are compared in: the
 * same letters whatever their case or Unicode composition, so "Ada" and "ada " are one account.
 */
record AccountName(String display) {

    static final int MAX_LENGTH = 64;

    /** Why {@code name} cannot be an account's name, or empty when it can. */
    static Optional<String> problemWith(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            return Optional.of("Enter a name.");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            return Optional.of("A name has at most " + MAX_LENGTH + " characters.");
        }
        if (trimmed.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)) {
            return Optional.of("A name cannot contain control characters or line breaks.");
        }
        return Optional.empty();
    }

    /** A valid name from what a person typed; fails with the reason otherwise. */
    static AccountName of(String typed) {
        problemWith(typed).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new AccountName(typed.strip());
    }

    /** The name's key: compatibility-composed and case-folded, so look-alike spellings collide. */
    String normalized() {
        return normalize(display);
    }

    static String normalize(String typed) {
        return Normalizer.normalize(typed.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
