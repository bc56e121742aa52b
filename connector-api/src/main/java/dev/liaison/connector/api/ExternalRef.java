package dev.liaison.connector.api;

import java.util.Objects;

/**
 * Points at one record in one connected system: the system kind, the connection it came through and the
 * system's own identifier.
 */
public record ExternalRef(String system, String connectionId, String id) {

    public ExternalRef {
        requireText(system, "system");
        requireText(connectionId, "connectionId");
        requireText(id, "id");
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
