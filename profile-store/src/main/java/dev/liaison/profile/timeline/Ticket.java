package dev.liaison.profile.timeline;

import java.time.Instant;

/** A stored ticket: the state of its newest event; {@code updatedAt} is that event's source time. */
public record Ticket(long id, String connectionId, String ticketId, String profileId, String subject, String status,
                     String priority, String group, String assignee, Instant createdAt, Instant updatedAt) {
}
