package dev.liaison.connectors.zendesk;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.MalformedPayloadException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a Zendesk user (a REST user object, or the {@code detail} of a user webhook event) into a canonical event.
 * The external ref is the Zendesk user id; Zendesk's own {@code external_id} is kept as an attribute.
 */
final class ZendeskUsers {

    private ZendeskUsers() {
    }

    static CanonicalEvent toEvent(ConnectionContext connection, JsonObject user, Instant occurredAt)
            throws MalformedPayloadException {
        String id = JsonFields.requiredText(user, "id");
        if (user.get("active") == JsonValue.FALSE || user.get("deleted") == JsonValue.TRUE) {
            return new ContactDeleted(connection.ref(id), occurredAt);
        }
        return new ContactUpserted(connection.ref(id), occurredAt, contact(user));
    }

    /** When the user last changed; webhook details and very old records may lack it, then creation time counts. */
    static Instant changedAt(JsonObject user) throws MalformedPayloadException {
        String updated = JsonFields.optionalText(user, "updated_at");
        return updated != null ? JsonFields.instant(updated, "updated_at") : JsonFields.requiredInstant(user, "created_at");
    }

    static Contact contact(JsonObject user) throws MalformedPayloadException {
        String name = JsonFields.optionalText(user, "name");
        String[] names = splitName(name);
        String email = JsonFields.optionalText(user, "email");
        String phone = JsonFields.optionalText(user, "phone");
        String locale = JsonFields.optionalText(user, "locale");
        Map<String, String> attributes = new LinkedHashMap<>();
        putIfPresent(attributes, "name", name);
        putIfPresent(attributes, "role", JsonFields.optionalText(user, "role"));
        putIfPresent(attributes, "locale", locale);
        putIfPresent(attributes, "externalId", JsonFields.optionalText(user, "external_id"));
        putIfPresent(attributes, "organizationId", JsonFields.optionalId(user, "organization_id"));
        List<String> tags = JsonFields.texts(user, "tags");
        if (!tags.isEmpty()) {
            attributes.put("tags", String.join(",", tags));
        }
        userFields(JsonFields.optionalObject(user, "user_fields"), attributes);
        return new Contact(names[0], names[1], email == null ? List.of() : List.of(email),
                phone == null ? List.of() : List.of(phone), language(locale), null, attributes);
    }

    /**
     * Zendesk keeps one {@code name}. Its first word is taken as the first name, since that is what a greeting
     * uses, and the rest as the last name, which keeps particles such as "van der" with the family name. The full
     * name stays in the {@code name} attribute for the cases this guesses wrong.
     */
    static String[] splitName(String name) {
        if (name == null) {
            return new String[] {null, null};
        }
        String[] parts = name.trim().split("\\s+", 2);
        return new String[] {parts[0], parts.length > 1 ? parts[1] : null};
    }

    /** A Zendesk locale such as {@code pt-BR} or {@code ru}: its language subtag. */
    static String language(String locale) {
        if (locale == null) {
            return null;
        }
        String language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return language.isEmpty() ? null : language;
    }

    /**
     * Custom user fields, as {@code user_fields.<key>}: this is where accounts keep consent checkboxes, which the
     * connection's {@code consentFields} setting maps to purposes (e.g. {@code user_fields.newsletter=marketing_email:email}).
     * Multi-select values are joined with commas.
     */
    private static void userFields(JsonObject fields, Map<String, String> attributes) throws MalformedPayloadException {
        for (Map.Entry<String, JsonValue> field : fields.entrySet()) {
            JsonValue value = field.getValue();
            String text;
            if (value.getValueType() == JsonValue.ValueType.ARRAY) {
                text = String.join(",", JsonFields.texts(fields, field.getKey()));
            } else if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                text = null;
            } else {
                text = JsonFields.text(value, "'user_fields." + field.getKey() + "'");
            }
            putIfPresent(attributes, "user_fields." + field.getKey(), text);
        }
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}
