package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.MalformedPayloadException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns API v4 records (contacts, leads) into canonical events. */
final class AmoRecords {

    /**
     * The system status "successfully realised", present in every pipeline; {@link #LOST} is the other fixed one.
     */
    static final long WON = 142;
    /** The system status "closed, not realised", present in every pipeline. */
    static final long LOST = 143;

    static final String PHONE = "PHONE";
    static final String EMAIL = "EMAIL";

    private AmoRecords() {
    }

    static ContactUpserted contact(ConnectionContext connection, JsonObject contact) throws MalformedPayloadException {
        String id = id(contact, "contact");
        List<String> emails = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (JsonObject field : customFields(contact)) {
            String code = text(field, "field_code");
            List<String> values = values(field);
            if (PHONE.equals(code)) {
                phones.addAll(values);
            } else if (EMAIL.equals(code)) {
                emails.addAll(values);
            } else if (!values.isEmpty()) {
                attributes.put(code != null ? code : "field_" + text(field, "field_id"), String.join(", ", values));
            }
        }
        String responsible = text(contact, "responsible_user_id");
        if (responsible != null) {
            attributes.put("responsibleUserId", responsible);
        }
        String companyId = firstEmbeddedId(contact, "companies");
        if (companyId != null) {
            attributes.put("companyId", companyId);
        }
        String firstName = text(contact, "first_name");
        String lastName = text(contact, "last_name");
        if (isBlank(firstName) && isBlank(lastName)) {
            // amoCRM always fills "name"; first and last name only when someone entered them separately.
            firstName = text(contact, "name");
        }
        return new ContactUpserted(connection.ref(id), updatedAt(contact, "contact " + id),
                new Contact(blankToNull(firstName), blankToNull(lastName), emails, phones, null, null, attributes));
    }

    /**
     * A lead as the stage it stands in now. The contact is the lead's main contact (from {@code with=contacts}),
     * the amount its {@code price}. amoCRM keeps no currency per lead and API v4 does not report the account's, so
     * {@code currency} is the connection's setting; without one, a won deal could never earn loyalty points. A closed
     * lead's {@code closed_at} (Unix time, null while open: amoCRM API v4 leads) says when it was won or lost, while
     * {@code updated_at} moves with every later edit.
     */
    static DealStageChanged lead(ConnectionContext connection, JsonObject lead, String currency)
            throws MalformedPayloadException {
        String id = id(lead, "lead");
        String status = text(lead, "status_id");
        if (status == null) {
            throw new MalformedPayloadException("amoCRM returned lead " + id + " without a status_id");
        }
        JsonValue price = lead.get("price");
        ExternalRef contactRef = null;
        String mainContact = mainContactId(lead);
        if (mainContact != null) {
            contactRef = connection.ref(mainContact);
        }
        boolean won = Long.toString(WON).equals(status);
        boolean lost = Long.toString(LOST).equals(status);
        return new DealStageChanged(connection.ref(id), updatedAt(lead, "lead " + id), contactRef,
                text(lead, "pipeline_id"), status, won,
                price instanceof JsonNumber ? ((JsonNumber) price).bigDecimalValue() : null, currency, lost,
                blankToNull(text(lead, "name")), text(lead, "responsible_user_id"), createdAt(lead),
                won || lost ? closedAt(lead) : null);
    }

    static List<JsonObject> customFields(JsonObject record) {
        List<JsonObject> fields = new ArrayList<>();
        JsonValue value = record.get("custom_fields_values");
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue field : value.asJsonArray()) {
                if (field.getValueType() == JsonValue.ValueType.OBJECT) {
                    fields.add(field.asJsonObject());
                }
            }
        }
        return fields;
    }

    static List<String> values(JsonObject field) {
        List<String> values = new ArrayList<>();
        JsonValue array = field.get("values");
        if (array == null || array.getValueType() != JsonValue.ValueType.ARRAY) {
            return values;
        }
        for (JsonValue item : array.asJsonArray()) {
            if (item.getValueType() == JsonValue.ValueType.OBJECT) {
                String text = text(item.asJsonObject(), "value");
                if (!isBlank(text)) {
                    values.add(text);
                }
            }
        }
        return values;
    }

    static String id(JsonObject record, String what) throws MalformedPayloadException {
        String id = text(record, "id");
        if (id == null || !id.matches("[0-9]+")) {
            throw new MalformedPayloadException("amoCRM returned a " + what + " without a numeric id");
        }
        return id;
    }

    /** A string, a number's decimal text, a boolean's text, or {@code null} for absent and null. */
    static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null) {
            return null;
        }
        switch (value.getValueType()) {
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                return ((JsonNumber) value).bigDecimalValue().toPlainString();
            case TRUE:
            case FALSE:
                return value.toString();
            default:
                return null;
        }
    }

    private static Instant updatedAt(JsonObject record, String what) throws MalformedPayloadException {
        JsonValue value = record.get("updated_at");
        if (value == null || value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new MalformedPayloadException("amoCRM returned " + what + " without a numeric updated_at");
        }
        return Instant.ofEpochSecond(((JsonNumber) value).longValue());
    }

    private static Instant createdAt(JsonObject record) {
        JsonValue value = record.get("created_at");
        return value instanceof JsonNumber number ? Instant.ofEpochSecond(number.longValue()) : null;
    }

    /** A closed lead's close time; {@code null} when amoCRM gives none (or 0, which no lead was closed at). */
    private static Instant closedAt(JsonObject lead) {
        JsonValue value = lead.get("closed_at");
        return value instanceof JsonNumber number && number.longValue() > 0
                ? Instant.ofEpochSecond(number.longValue()) : null;
    }

    private static String mainContactId(JsonObject lead) {
        JsonArray contacts = embedded(lead, "contacts");
        String first = null;
        for (JsonValue contact : contacts) {
            if (contact.getValueType() != JsonValue.ValueType.OBJECT) {
                continue;
            }
            String id = text(contact.asJsonObject(), "id");
            if (contact.asJsonObject().get("is_main") == JsonValue.TRUE) {
                return id;
            }
            first = first == null ? id : first;
        }
        return first;
    }

    private static String firstEmbeddedId(JsonObject record, String name) {
        for (JsonValue item : embedded(record, name)) {
            if (item.getValueType() == JsonValue.ValueType.OBJECT) {
                return text(item.asJsonObject(), "id");
            }
        }
        return null;
    }

    static JsonArray embedded(JsonObject record, String name) {
        JsonValue embedded = record.get("_embedded");
        if (embedded == null || embedded.getValueType() != JsonValue.ValueType.OBJECT) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        JsonValue items = embedded.asJsonObject().get(name);
        return items != null && items.getValueType() == JsonValue.ValueType.ARRAY
                ? items.asJsonArray() : JsonValue.EMPTY_JSON_ARRAY;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return isBlank(text) ? null : text;
    }
}
