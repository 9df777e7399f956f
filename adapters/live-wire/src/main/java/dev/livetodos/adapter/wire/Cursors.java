package dev.livetodos.adapter.wire;

import dev.livetodos.domain.model.ChangeCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ChangeCursor} as clients hold it: opaque text, the same in frames, in the full read's
 * {@code Livetodos-Cursor} header and in the change feed. It is base64url (no padding) of
 * {@code 1.<seq>.<issued epoch second>}; the leading {@code 1} is the format's version, so a later
 * format can be told apart. Clients must not read it: only the server does.
 */
public final class Cursors {

    /** The longest text a cursor has (both numbers at their widest), for sizing frames. */
    public static final int MAX_LENGTH = encodedLength(("1." + Long.MAX_VALUE + "." + Long.MAX_VALUE).length());

    private static final Pattern FORMAT = Pattern.compile("1\\.(0|[1-9][0-9]{0,18})\\.(0|[1-9][0-9]{0,18})");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursors() {
    }

    public static String encode(ChangeCursor cursor) {
        String plain = "1." + cursor.seq() + "." + cursor.issuedAt().getEpochSecond();
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor the text encodes; empty for anything this server did not write (or cannot read). */
    public static Optional<ChangeCursor> decode(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            Matcher parts = FORMAT.matcher(new String(DECODER.decode(text), StandardCharsets.US_ASCII));
            if (!parts.matches()) {
                return Optional.empty();
            }
            return Optional.of(new ChangeCursor(Long.parseLong(parts.group(1)), Instant.ofEpochSecond(Long.parseLong(parts.group(2)))));
        } catch (IllegalArgumentException | java.time.DateTimeException unreadable) {
            return Optional.empty();
        }
    }

    private static int encodedLength(int bytes) {
        return (bytes * 4 + 2) / 3;
    }
}
