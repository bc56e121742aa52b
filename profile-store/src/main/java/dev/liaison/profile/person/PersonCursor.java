package dev.liaison.profile.person;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of the people list ends: the last profile's creation time and id, the order the pages follow
 * ({@code created_at desc, id desc}). A keyset, so a page deep in a million profiles costs what the first does and a
 * profile created meanwhile neither repeats nor skips one. Opaque to clients: base64url of {@code <instant>|<id>}.
 */
public record PersonCursor(Instant createdAt, String id) {

    private static final int TEXT_LIMIT = 120;
    private static final String NOT_A_CURSOR = "is not a cursor this endpoint returned";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor {@link #encode} wrote.
     *
     * @throws IllegalArgumentException when {@code text} is not one
     */
    public static PersonCursor parse(String text) {
        if (text.length() > TEXT_LIMIT) {
            throw new IllegalArgumentException(NOT_A_CURSOR);
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new IllegalArgumentException(NOT_A_CURSOR);
            }
            return new PersonCursor(Instant.parse(parts[0]), parts[1]);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(NOT_A_CURSOR, e);
        }
    }
}
