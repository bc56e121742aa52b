package dev.liaison.connector.api;

import java.util.List;

/** Applies a routing decision to a ticket in the help desk. */
public interface TicketRouter {

    void apply(ConnectionContext connection, String ticketId, RoutingDecision decision) throws RemoteSystemException;

    /**
     * What to set on a ticket. {@code null} fields are left as they are; {@code tags} are added to the ticket's
     * existing tags; {@code explanation} becomes an internal note.
     */
    record RoutingDecision(String group, String assignee, String priority, List<String> tags, String explanation) {

        public RoutingDecision {
            tags = List.copyOf(tags == null ? List.of() : tags);
        }
    }
}
