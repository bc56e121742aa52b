package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser.Outcome;
import dev.liaison.connector.api.SubjectIdentifiers;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the contacts of one data subject and erases or exports them. amoCRM API v4 has no DELETE for contacts
 * (the official SDK gives its Contacts service no delete method; only trash in the UI removes them), so erasure
 * overwrites: the name becomes a placeholder, first and last name are emptied and every custom field value
 * (PHONE, EMAIL and any other) is cleared with {@code "values": null}.
 */
final class AmoSubjects {

    static final String ERASED_NAME = "Erased";

    private AmoSubjects() {
    }

    /**
     * Contacts by reference (this connection's refs only) and by {@code query=} search. amoCRM's search is
     * full-text, so a hit counts only when one of its EMAIL or PHONE values is the subject's.
     */
    static List<JsonObject> find(AmoApi api, ConnectionContext connection, SubjectIdentifiers subject)
            throws RemoteSystemException {
        Map<String, JsonObject> found = new LinkedHashMap<>();
        for (ExternalRef ref : subject.externalRefs()) {
            if (ref.system().equals(connection.kind()) && ref.connectionId().equals(connection.id())
                    && ref.id().matches("[0-9]{1,19}")) {
                api.get((rest, bearer) -> rest.contact(bearer, ref.id())).ifPresent(contact -> put(found, contact));
            }
        }
        for (String email : subject.emails()) {
            String wanted = email.trim().toLowerCase(Locale.ROOT);
            for (JsonObject contact : search(api, wanted)) {
                if (values(contact, AmoRecords.EMAIL).stream()
                        .anyMatch(value -> value.trim().toLowerCase(Locale.ROOT).equals(wanted))) {
                    put(found, contact);
                }
            }
        }
        for (String phone : subject.phones()) {
            String wanted = phoneDigits(phone);
            if (wanted.length() < 5) {
                continue;
            }
            // Stored numbers vary in prefix (+7, 8, none); the national tail finds them all, the match is exact.
            String tail = wanted.substring(Math.max(0, wanted.length() - 10));
            for (JsonObject contact : search(api, tail)) {
                if (values(contact, AmoRecords.PHONE).stream().map(AmoSubjects::phoneDigits)
                        .anyMatch(wanted::equals)) {
                    put(found, contact);
                }
            }
        }
        return List.copyOf(found.values());
    }

    static Outcome erase(AmoApi api, List<JsonObject> contacts) throws RemoteSystemException {
        if (contacts.isEmpty()) {
            return new Outcome(0, "no amoCRM contact matched the subject's e-mails, phones or references");
        }
        List<String> ids = new ArrayList<>();
        int cleared = 0;
        for (JsonObject contact : contacts) {
            String id = id(contact);
            JsonArrayBuilder fields = AmoApi.JSON.createArrayBuilder();
            for (JsonObject field : AmoRecords.customFields(contact)) {
                JsonValue fieldId = field.get("field_id");
                if (fieldId != null && fieldId.getValueType() == JsonValue.ValueType.NUMBER) {
                    fields.add(AmoApi.JSON.createObjectBuilder().add("field_id", fieldId).addNull("values"));
                    cleared++;
                }
            }
            String erased = AmoApi.JSON.createObjectBuilder()
                    .add("name", ERASED_NAME).add("first_name", "").add("last_name", "")
                    .add("custom_fields_values", fields).build().toString();
            api.write((rest, bearer) -> rest.update(bearer, "contacts", id, erased));
            ids.add(id);
        }
        return new Outcome(ids.size(), "amoCRM API v4 cannot delete contacts, so contacts " + String.join(", ", ids)
                + " were overwritten with PATCH /api/v4/contacts/{id}: name replaced by '" + ERASED_NAME
                + "', first and last name emptied, " + cleared + " custom field values (PHONE, EMAIL and others) "
                + "cleared; notes, tags and linked leads were left as they are");
    }

    /** The contacts as amoCRM returns them, without their API links. */
    static String export(ConnectionContext connection, List<JsonObject> contacts) {
        JsonArrayBuilder records = AmoApi.JSON.createArrayBuilder();
        for (JsonObject contact : contacts) {
            JsonObjectBuilder copy = AmoApi.JSON.createObjectBuilder(contact);
            copy.remove("_links");
            records.add(copy);
        }
        return AmoApi.JSON.createObjectBuilder()
                .add("system", connection.kind())
                .add("connectionId", connection.id())
                .add("contacts", records)
                .build().toString();
    }

    /** Digits only, with a Russian trunk prefix (8 and ten digits) read as +7, as amoCRM users type both. */
    static String phoneDigits(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() == 11 && digits.startsWith("8") ? "7" + digits.substring(1) : digits;
    }

    private static List<JsonObject> search(AmoApi api, String query) throws RemoteSystemException {
        Optional<JsonObject> answer = api.get((rest, bearer) -> rest.searchContacts(bearer, AmoSync.LIMIT, query));
        List<JsonObject> contacts = new ArrayList<>();
        if (answer.isPresent()) {
            for (JsonValue contact : AmoRecords.embedded(answer.get(), "contacts")) {
                if (contact.getValueType() == JsonValue.ValueType.OBJECT) {
                    contacts.add(contact.asJsonObject());
                }
            }
        }
        return contacts;
    }

    private static List<String> values(JsonObject contact, String code) {
        List<String> values = new ArrayList<>();
        for (JsonObject field : AmoRecords.customFields(contact)) {
            if (code.equals(AmoRecords.text(field, "field_code"))) {
                values.addAll(AmoRecords.values(field));
            }
        }
        return values;
    }

    private static void put(Map<String, JsonObject> found, JsonObject contact) {
        String id = AmoRecords.text(contact, "id");
        if (id != null) {
            found.putIfAbsent(id, contact);
        }
    }

    private static String id(JsonObject contact) throws RemoteSystemException {
        try {
            return AmoRecords.id(contact, "contact");
        } catch (MalformedPayloadException e) {
            throw RemoteSystemException.permanent(e.getMessage());
        }
    }
}
