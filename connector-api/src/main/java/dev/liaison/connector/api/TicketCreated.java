package dev.liaison.connector.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A help-desk ticket was opened; the requester is described so that the profile store can resolve them. Status,
 * group and assignee are the source's values when it reports them at creation (a pulled ticket has them), else
 * {@code null}.
 */
public record TicketCreated(
        ExternalRef ref,
        Instant occurredAt,
        ExternalRef requesterRef,
        Contact requester,
        String subject,
        String priority,
        List<String> tags,
        String status,
        String group,
        String assignee) implements CanonicalEvent {

    public TicketCreated {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(occurredAt, "occurredAt");
        tags = List.copyOf(tags == null ? List.of() : tags);
    }

    /** A new ticket whose status, group and assignee the source does not report. */
    public TicketCreated(ExternalRef ref, Instant occurredAt, ExternalRef requesterRef, Contact requester,
                         String subject, String priority, List<String> tags) {
        this(ref, occurredAt, requesterRef, requester, subject, priority, tags, null, null, null);
    }
}
