package dev.liaison.connector.api;

import java.time.Instant;
import java.util.Objects;

public record ContactDeleted(ExternalRef ref, Instant occurredAt) implements CanonicalEvent {

    public ContactDeleted {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
