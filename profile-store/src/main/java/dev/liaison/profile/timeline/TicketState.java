package dev.liaison.profile.timeline;

import java.time.Instant;

/** A ticket as its {@code ticket.created} describes it; {@code profileId} is the requester's, or null. */
public record TicketState(String connectionId, String ticketId, String profileId, String subject, String status,
                          String priority, String group, String assignee, Instant createdAt, Instant updatedAt) {
}
