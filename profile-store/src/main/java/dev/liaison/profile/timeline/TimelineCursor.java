package dev.liaison.profile.timeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of a person's deals or tickets ends: the last row's source time and id, the order the pages follow
 * ({@code updated_at desc, id desc}). A keyset rather than an offset, so a page costs the same however deep it is and
 * a row stored meanwhile neither repeats nor skips one. Opaque to clients: base64url of {@code <instant>|<id>}.
 */
public record TimelineCursor(Instant updatedAt, long id) {

    private static final int TEXT_LIMIT = 100;

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((updatedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor {@link #encode} wrote.
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static TimelineCursor parse(String text) {
        if (text.length() > TEXT_LIMIT) {
            throw new IllegalArgumentException("is not a cursor this endpoint returned");
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("is not a cursor this endpoint returned");
            }
            long id = Long.parseLong(decoded.substring(bar + 1));
            return new TimelineCursor(Instant.parse(decoded.substring(0, bar)), id);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // NumberFormatException and the decoder's complaint are IllegalArgumentExceptions too.
            throw new IllegalArgumentException("is not a cursor this endpoint returned", e);
        }
    }
}
