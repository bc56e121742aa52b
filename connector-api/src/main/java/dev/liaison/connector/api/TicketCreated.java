package dev.liaison.connector.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A help-desk ticket was opened; the requester is described so that the profile store can resolve them. */
public record TicketCreated(
        ExternalRef ref,
        Instant occurredAt,
        ExternalRef requesterRef,
        Contact requester,
        String subject,
        String priority,
        List<String> tags) implements CanonicalEvent {

    public TicketCreated {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(occurredAt, "occurredAt");
        tags = List.copyOf(tags == null ? List.of() : tags);
    }
}
