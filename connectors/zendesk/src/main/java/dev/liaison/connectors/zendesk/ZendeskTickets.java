package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.TicketCreated;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Locale;

/** Turns a Zendesk ticket (a REST ticket object, or the {@code detail} of a ticket webhook event) into events. */
final class ZendeskTickets {

    private ZendeskTickets() {
    }

    static TicketCreated created(ConnectionContext connection, JsonObject ticket, Instant occurredAt, Contact requester)
            throws MalformedPayloadException {
        String requesterId = JsonFields.optionalId(ticket, "requester_id");
        ExternalRef requesterRef = requesterId == null ? null : connection.ref(requesterId);
        return new TicketCreated(connection.ref(JsonFields.requiredText(ticket, "id")), occurredAt, requesterRef,
                requester, JsonFields.optionalText(ticket, "subject"),
                lowerCase(JsonFields.optionalText(ticket, "priority")), JsonFields.texts(ticket, "tags"),
                lowerCase(JsonFields.optionalText(ticket, "status")), JsonFields.optionalId(ticket, "group_id"),
                JsonFields.optionalId(ticket, "assignee_id"));
    }

    /** Zendesk's API values are lower case; webhook events and placeholders render them for display ("High"). */
    static String lowerCase(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
