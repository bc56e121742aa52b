package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.TicketUpdated;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads Zendesk's event-subscription webhooks: {@code {"type":"zen:event-type:...","id","time","subject","detail",
 * "event"}}. {@code ticket.created} becomes {@link dev.liaison.connector.api.TicketCreated}, every other
 * {@code ticket.*} a {@link TicketUpdated} naming the changed field, {@code user.*} a contact upsert or deletion.
 */
final class ZendeskEvents {

    static final String TYPE_PREFIX = "zen:event-type:";

    /** Event names whose changed ticket field is not simply the name without {@code _changed}. */
    private static final Map<String, String> TICKET_FIELDS = Map.of(
            "agent_assignment", "assignee_id",
            "group_assignment", "group_id",
            "requester", "requester_id",
            "submitter", "submitter_id",
            "organization", "organization_id",
            "brand", "brand_id",
            "form", "form_id");

    private ZendeskEvents() {
    }

    static boolean isEvent(JsonObject envelope) {
        JsonValue type = envelope.get("type");
        return type != null && type.getValueType() == JsonValue.ValueType.STRING
                && envelope.getString("type").startsWith(TYPE_PREFIX);
    }

    static List<CanonicalEvent> parse(ConnectionContext connection, JsonObject envelope)
            throws MalformedPayloadException {
        String name = JsonFields.requiredText(envelope, "type").substring(TYPE_PREFIX.length());
        Instant occurredAt = JsonFields.requiredInstant(envelope, "time");
        JsonObject detail = JsonFields.requiredObject(envelope, "detail");
        JsonObject event = JsonFields.optionalObject(envelope, "event");
        if (name.equals("ticket.created")) {
            return List.of(ZendeskTickets.created(connection, detail, occurredAt, null));
        }
        if (name.startsWith("ticket.")) {
            return List.of(ticketUpdated(connection, name.substring("ticket.".length()), detail, event, occurredAt));
        }
        if (name.startsWith("user.")) {
            return List.of(user(connection, name.substring("user.".length()), detail, event, occurredAt));
        }
        throw new MalformedPayloadException("event type '" + name + "' is not one Liaison takes from Zendesk; "
                + "subscribe the webhook to ticket and user events only");
    }

    private static CanonicalEvent user(ConnectionContext connection, String change, JsonObject detail, JsonObject event,
                                       Instant occurredAt) throws MalformedPayloadException {
        String id = JsonFields.requiredText(detail, "id");
        if (change.equals("deleted") || (change.equals("active_changed") && event.get("current") == JsonValue.FALSE)) {
            return new ContactDeleted(connection.ref(id), occurredAt);
        }
        JsonObject user = detail;
        if (change.equals("name_changed")) {
            String name = JsonFields.optionalText(event, "current");
            if (name != null) {
                user = Json.createObjectBuilder(detail).add("name", name).build();
            }
        }
        return ZendeskUsers.toEvent(connection, user, occurredAt);
    }

    private static TicketUpdated ticketUpdated(ConnectionContext connection, String change, JsonObject detail,
                                               JsonObject event, Instant occurredAt) throws MalformedPayloadException {
        String ticketId = JsonFields.requiredText(detail, "id");
        if (!change.endsWith("_changed")) {
            return new TicketUpdated(connection.ref(ticketId), occurredAt, Map.of("event", change));
        }
        String subject = change.substring(0, change.length() - "_changed".length());
        String field = TICKET_FIELDS.getOrDefault(subject, subject);
        String value = current(event);
        if (value == null) {
            value = detailValue(detail, field);
        }
        if (field.equals("priority") || field.equals("status")) {
            value = ZendeskTickets.lowerCase(value);
        }
        return new TicketUpdated(connection.ref(ticketId), occurredAt, Map.of(field, value == null ? "" : value));
    }

    /** The new value when the event carries it as a plain value; lists (tags) come from the ticket detail instead. */
    private static String current(JsonObject event) throws MalformedPayloadException {
        JsonValue current = event.get("current");
        if (current == null || current.getValueType() == JsonValue.ValueType.OBJECT
                || current.getValueType() == JsonValue.ValueType.ARRAY) {
            return null;
        }
        return JsonFields.text(current, "'event.current'");
    }

    private static String detailValue(JsonObject detail, String field) throws MalformedPayloadException {
        JsonValue value = detail.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.OBJECT) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            return String.join(",", JsonFields.texts(detail, field));
        }
        return field.endsWith("_id") ? JsonFields.optionalId(detail, field) : JsonFields.optionalText(detail, field);
    }
}
