package dev.liaison.connector.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A help-desk ticket changed; {@code changes} maps each changed field to its new value. */
public record TicketUpdated(ExternalRef ref, Instant occurredAt, Map<String, String> changes)
        implements CanonicalEvent {

    public TicketUpdated {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(occurredAt, "occurredAt");
        changes = Map.copyOf(changes == null ? Map.of() : changes);
    }
}
