package dev.liaison.connector.api;

import java.time.Instant;
import java.util.Objects;

public record ContactUpserted(ExternalRef ref, Instant occurredAt, Contact contact) implements CanonicalEvent {

    public ContactUpserted {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(contact, "contact");
    }
}
