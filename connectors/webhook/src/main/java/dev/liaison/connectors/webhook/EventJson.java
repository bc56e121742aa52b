package dev.liaison.connectors.webhook;

import dev.liaison.connector.api.Amounts;
import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ConsentChanged;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.DeliveryStatusChanged;
import dev.liaison.connector.api.EventLimits;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.InputViolation;
import dev.liaison.connector.api.JsonLimits;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.TicketCreated;
import dev.liaison.connector.api.TicketUpdated;
import dev.liaison.connector.api.UnknownEventTypeException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON event envelope {@code {"id", "type", "occurredAt", "data": {...}}}. Every problem is reported
 * as a {@link MalformedPayloadException} naming the JSON path, so a sender can fix its flow.
 */
final class EventJson {

    /** Looked up once: {@code Json.createReader} runs a ServiceLoader lookup on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** {@code inbox_entry.dedup_key}: the event id is the delivery's deduplication key. */
    static final int EVENT_ID_LIMIT = 255;

    private EventJson() {
    }

    static JsonObject read(byte[] body) throws MalformedPayloadException {
        if (JsonLimits.tooDeep(body)) {
            throw new MalformedPayloadException(List.of(new InputViolation("body", JsonLimits.tooDeepMessage())));
        }
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedPayloadException("the body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            // The parser's message quotes the offending input; its type is all the reason needs.
            throw new MalformedPayloadException("the body is not JSON", e);
        }
    }

    static CanonicalEvent toCanonical(ConnectionContext connection, JsonObject envelope)
            throws MalformedPayloadException {
        String type = requiredText(envelope, "type");
        Instant occurredAt = instant(envelope, "occurredAt");
        JsonObject data = object(envelope, "data");
        return switch (type) {
            case "contact.upserted" -> new ContactUpserted(
                    connection.ref(requiredText(data, "id")), occurredAt, contact(data));
            case "contact.deleted" -> new ContactDeleted(connection.ref(requiredText(data, "id")), occurredAt);
            case "deal.stage_changed" -> new DealStageChanged(
                    connection.ref(requiredText(data, "id")), occurredAt,
                    optionalText(data, "contactId") == null ? null : connection.ref(optionalText(data, "contactId")),
                    optionalText(data, "pipeline"), requiredText(data, "stage"),
                    data.getBoolean("won", false), amount(data), optionalText(data, "currency"),
                    lost(data), optionalText(data, "title"), optionalText(data, "ownerId"),
                    optionalInstant(data, "createdAt"));
            case "ticket.created" -> new TicketCreated(
                    connection.ref(requiredText(data, "id")), occurredAt,
                    requesterRef(connection, data), data.containsKey("requester")
                            ? contact(object(data, "requester")) : null,
                    optionalText(data, "subject"), optionalText(data, "priority"), texts(data, "tags"),
                    optionalText(data, "status"), optionalText(data, "group"), optionalText(data, "assignee"));
            case "ticket.updated" -> new TicketUpdated(
                    connection.ref(requiredText(data, "id")), occurredAt, textMap(data, "changes"));
            case "consent.changed" -> new ConsentChanged(
                    connection.ref(requiredText(data, "id")), occurredAt,
                    connection.ref(requiredText(data, "contactId")), requiredText(data, "purpose"),
                    requiredText(data, "channel"), requiredBoolean(data, "granted"), optionalText(data, "evidence"));
            case "delivery.status_changed" -> new DeliveryStatusChanged(
                    connection.ref(requiredText(data, "id")), occurredAt, deliveryStatus(data),
                    optionalText(data, "detail"));
            default -> throw new UnknownEventTypeException("type '" + type + "' is not a known event type");
        };
    }

    static String requiredText(JsonObject object, String name) throws MalformedPayloadException {
        String value = optionalText(object, name);
        if (value == null || value.isBlank()) {
            throw new MalformedPayloadException("'" + name + "' is required and must be a non-empty string");
        }
        return value;
    }

    private static String optionalText(JsonObject object, String name) throws MalformedPayloadException {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            return value.toString();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new MalformedPayloadException("'" + name + "' must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static boolean requiredBoolean(JsonObject object, String name) throws MalformedPayloadException {
        JsonValue value = object.get(name);
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        throw new MalformedPayloadException("'" + name + "' is required and must be true or false");
    }

    private static JsonObject object(JsonObject object, String name) throws MalformedPayloadException {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedPayloadException("'" + name + "' is required and must be an object");
        }
        return value.asJsonObject();
    }

    private static Instant instant(JsonObject object, String name) throws MalformedPayloadException {
        String text = requiredText(object, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedPayloadException("'" + name + "' must be an ISO-8601 instant such as 2026-01-31T10:15:30Z");
        }
    }

    private static Instant optionalInstant(JsonObject object, String name) throws MalformedPayloadException {
        return optionalText(object, name) == null ? null : instant(object, name);
    }

    /** Only JSON {@code true} counts, as for {@code won}; a deal reported both won and lost is refused. */
    private static boolean lost(JsonObject data) throws MalformedPayloadException {
        boolean lost = data.getBoolean("lost", false);
        if (lost && data.getBoolean("won", false)) {
            throw new MalformedPayloadException(List.of(new InputViolation("data.lost",
                    "must not be true when data.won is true")));
        }
        return lost;
    }

    private static BigDecimal amount(JsonObject data) throws MalformedPayloadException {
        String text = optionalText(data, "amount");
        return text == null ? null : Amounts.parse("data.amount", text);
    }

    /**
     * The event's id and every field of the event outside {@link EventLimits}, named by its JSON path in the
     * envelope, so that a delivery that could never be stored is refused at intake.
     */
    static List<InputViolation> outOfBounds(JsonObject envelope, CanonicalEvent event) throws MalformedPayloadException {
        List<InputViolation> violations = new ArrayList<>();
        if (requiredText(envelope, "id").length() > EVENT_ID_LIMIT) {
            violations.add(new InputViolation("id", "must be at most " + EVENT_ID_LIMIT + " characters"));
        }
        EventLimits.check(event).forEach(violation ->
                violations.add(new InputViolation(jsonPath(violation.field()), violation.message())));
        return violations;
    }

    /** The canonical field's place in this envelope: the record id is data.id, the person it is about data.contactId. */
    private static String jsonPath(String canonicalField) {
        if ("occurredAt".equals(canonicalField)) {
            return canonicalField;
        }
        String path = canonicalField
                .replaceFirst("^ref\\.id$", "id")
                .replaceFirst("^(contactRef|subjectRef)\\.id$", "contactId")
                .replaceFirst("^contact\\.", "");
        return "data." + path;
    }

    private static DeliveryStatusChanged.DeliveryStatus deliveryStatus(JsonObject data)
            throws MalformedPayloadException {
        String status = requiredText(data, "status");
        try {
            return DeliveryStatusChanged.DeliveryStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException("'status' must be one of "
                    + List.of(DeliveryStatusChanged.DeliveryStatus.values()));
        }
    }

    private static Contact contact(JsonObject data) throws MalformedPayloadException {
        return new Contact(optionalText(data, "firstName"), optionalText(data, "lastName"),
                texts(data, "emails"), texts(data, "phones"), optionalText(data, "language"),
                optionalText(data, "company"), textMap(data, "attributes"));
    }

    private static ExternalRef requesterRef(ConnectionContext connection, JsonObject data)
            throws MalformedPayloadException {
        if (!data.containsKey("requester")) {
            return null;
        }
        String id = optionalText(object(data, "requester"), "id");
        return id == null ? null : connection.ref(id);
    }

    private static List<String> texts(JsonObject object, String name) throws MalformedPayloadException {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new MalformedPayloadException("'" + name + "' must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw new MalformedPayloadException("'" + name + "' must be an array of strings");
            }
            texts.add(((JsonString) item).getString());
        }
        return texts;
    }

    private static Map<String, String> textMap(JsonObject object, String name) throws MalformedPayloadException {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedPayloadException("'" + name + "' must be an object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : value.asJsonObject().keySet()) {
            String text = optionalText(value.asJsonObject(), key);
            if (text != null) {
                map.put(key, text);
            }
        }
        return map;
    }
}
