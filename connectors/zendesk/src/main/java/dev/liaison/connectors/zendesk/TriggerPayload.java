package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.TicketCreated;
import dev.liaison.connector.api.TicketUpdated;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON body that the README gives admins for a Zendesk trigger's "Notify webhook" action. Zendesk
 * renders placeholders into it as text, so every value arrives as a string: ids, tags (space-separated), priority
 * and status as shown to agents ("High"), and an empty string or "-" for "none".
 */
final class TriggerPayload {

    static final String MARKER_FIELD = "liaison";
    static final String MARKER = "zendesk-trigger/1";

    private static final List<String> UPDATE_FIELDS = List.of("status", "priority", "subject", "tags", "group");

    private TriggerPayload() {
    }

    static boolean isTrigger(JsonObject body) {
        JsonValue marker = body.get(MARKER_FIELD);
        return marker != null && marker.getValueType() == JsonValue.ValueType.STRING
                && body.getString(MARKER_FIELD).equals(MARKER);
    }

    /**
     * The template's {@code id} renders the update time only to the minute, so two updates of a ticket within one
     * minute share it; a digest of the body tells them apart, and is the same when Zendesk redelivers a request.
     */
    static String dedupKey(JsonObject body, byte[] raw) throws MalformedPayloadException {
        return "trigger:" + JsonFields.requiredText(body, "id") + ":" + digest(raw);
    }

    static List<CanonicalEvent> parse(ConnectionContext connection, JsonObject body) throws MalformedPayloadException {
        String event = JsonFields.requiredText(body, "event");
        JsonObject ticket = JsonFields.requiredObject(body, "ticket");
        ExternalRef ref = connection.ref(JsonFields.requiredText(ticket, "id"));
        if (event.equals("ticket.created")) {
            JsonObject requester = JsonFields.optionalObject(ticket, "requester");
            String requesterId = value(requester, "id");
            return List.of(new TicketCreated(ref, time(ticket, "created_at"),
                    requesterId == null ? null : connection.ref(requesterId), contact(requester),
                    value(ticket, "subject"), ZendeskTickets.lowerCase(value(ticket, "priority")), tags(ticket),
                    ZendeskTickets.lowerCase(value(ticket, "status")), value(ticket, "group"), null));
        }
        if (event.equals("ticket.updated")) {
            Map<String, String> changes = new LinkedHashMap<>();
            for (String field : UPDATE_FIELDS) {
                String value = field.equals("tags") ? String.join(",", tags(ticket)) : value(ticket, field);
                if (field.equals("status") || field.equals("priority")) {
                    value = ZendeskTickets.lowerCase(value);
                }
                changes.put(field, value == null ? "" : value);
            }
            return List.of(new TicketUpdated(ref, time(ticket, "updated_at"), changes));
        }
        throw new MalformedPayloadException("'event' must be ticket.created or ticket.updated");
    }

    private static Contact contact(JsonObject requester) throws MalformedPayloadException {
        if (requester.isEmpty()) {
            return null;
        }
        String[] names = ZendeskUsers.splitName(value(requester, "name"));
        String email = value(requester, "email");
        String phone = value(requester, "phone");
        String language = value(requester, "language");
        Map<String, String> attributes = new LinkedHashMap<>();
        String externalId = value(requester, "external_id");
        if (externalId != null) {
            attributes.put("externalId", externalId);
        }
        // {{ticket.requester.language}} renders the language's display name ("English"), not a locale tag.
        String tag = language != null && language.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]+)*")
                ? ZendeskUsers.language(language) : null;
        if (language != null && tag == null) {
            attributes.put("languageName", language);
        }
        return new Contact(names[0], names[1], email == null ? List.of() : List.of(email),
                phone == null ? List.of() : List.of(phone), tag, null, attributes);
    }

    private static List<String> tags(JsonObject ticket) throws MalformedPayloadException {
        String tags = value(ticket, "tags");
        return tags == null ? List.of() : Arrays.asList(tags.split("\\s+"));
    }

    private static Instant time(JsonObject ticket, String name) throws MalformedPayloadException {
        String text = value(ticket, name);
        if (text == null) {
            throw new MalformedPayloadException("'ticket." + name + "' is required");
        }
        return JsonFields.instant(text, "ticket." + name);
    }

    /** A rendered placeholder; Zendesk renders "no value" as an empty string, or "-" for some fields. */
    private static String value(JsonObject object, String name) throws MalformedPayloadException {
        String text = JsonFields.optionalText(object, name);
        return text == null || text.equals("-") ? null : text;
    }

    private static String digest(byte[] raw) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
