package dev.livetodos.domain.model;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Random strings that grant something to whoever holds them (an invite link, a live ticket):
 * 256 bits from the system's strong random source, written URL-safe (base64url, no padding),
 * so they can travel in a path or query without escaping and cannot be guessed.
 */
final class Secrets {

    static final int BYTES = 32;

    /**
     * What a secret must look like when it comes back: base64url, at least 22 characters
     * (128 bits), at most 128 (anything longer is not one of ours and not worth a store read).
     */
    static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{22,128}");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    static String random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    static boolean wellFormed(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
