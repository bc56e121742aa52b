package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.RecordWriter;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code PATCH /api/v4/contacts/{id}} or {@code PATCH /api/v4/leads/{id}} that sets the named fields of one record
 * and leaves the others as they are. A field name is read the way amoCRM names fields:
 * <ul>
 *   <li>digits: a custom field's id, {@code {"field_id": 123, "values": [{"value": "gold"}]}};</li>
 *   <li>a standard field of the entity ({@link #STANDARD_FIELDS}): set on the record itself;</li>
 *   <li>anything else: a custom field's code, {@code {"field_code": "TIER", "values": [...]}}.</li>
 * </ul>
 * An empty value clears a custom field ({@code "values": null}, as erasure does). Setting values is idempotent, so a
 * write repeated after an unanswered call changes nothing more.
 */
record AmoFieldUpdate(String resource, String recordId, JsonObject body) {

    enum Standard { TEXT, WHOLE_NUMBER }

    /** amoCRM's leads API types a lead's {@code price} (its budget) and the responsible user's id as int. */
    static final Map<RecordWriter.Entity, Map<String, Standard>> STANDARD_FIELDS = Map.of(
            RecordWriter.Entity.CONTACT, Map.of("name", Standard.TEXT, "first_name", Standard.TEXT,
                    "last_name", Standard.TEXT, "responsible_user_id", Standard.WHOLE_NUMBER),
            RecordWriter.Entity.DEAL, Map.of("name", Standard.TEXT, "price", Standard.WHOLE_NUMBER,
                    "responsible_user_id", Standard.WHOLE_NUMBER));

    /**
     * Checks the record id and the values before anything is sent.
     *
     * @throws RemoteSystemException (permanent) when the id is not an amoCRM id or a number field's value is no
     *                               whole number: the same write could never succeed
     */
    static AmoFieldUpdate of(RecordWriter.Entity entity, String recordId, Map<String, String> fields)
            throws RemoteSystemException {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one field");
        }
        String resource = entity == RecordWriter.Entity.CONTACT ? "contacts" : "leads";
        if (recordId == null || !recordId.matches("[0-9]{1,19}")) {
            throw RemoteSystemException.permanent("'" + recordId + "' is not the id of a record in amoCRM's "
                    + resource);
        }
        return new AmoFieldUpdate(resource, recordId, body(STANDARD_FIELDS.get(entity), fields));
    }

    /** Sorted by name, so that the same write is always the same request. */
    private static JsonObject body(Map<String, Standard> standard, Map<String, String> fields)
            throws RemoteSystemException {
        JsonObjectBuilder record = AmoApi.JSON.createObjectBuilder();
        JsonArrayBuilder custom = AmoApi.JSON.createArrayBuilder();
        boolean anyCustom = false;
        for (Map.Entry<String, String> field : new TreeMap<>(fields).entrySet()) {
            String name = field.getKey();
            Standard kind = standard.get(name);
            if (kind == Standard.TEXT) {
                record.add(name, field.getValue());
            } else if (kind == Standard.WHOLE_NUMBER) {
                record.add(name, wholeNumber(name, field.getValue()));
            } else {
                custom.add(customField(name, field.getValue()));
                anyCustom = true;
            }
        }
        if (anyCustom) {
            record.add("custom_fields_values", custom);
        }
        return record.build();
    }

    private static JsonObjectBuilder customField(String name, String value) {
        JsonObjectBuilder field = name.matches("[0-9]{1,19}")
                ? AmoApi.JSON.createObjectBuilder().add("field_id", Long.parseLong(name))
                : AmoApi.JSON.createObjectBuilder().add("field_code", name);
        if (value.isEmpty()) {
            return field.addNull("values");
        }
        return field.add("values", AmoApi.JSON.createArrayBuilder()
                .add(AmoApi.JSON.createObjectBuilder().add("value", value)));
    }

    /** The message leaves the value out: it is a scenario's data, and failures are logged. */
    private static long wholeNumber(String name, String value) throws RemoteSystemException {
        try {
            return new BigDecimal(value.trim()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw RemoteSystemException.permanent("amoCRM field '" + name + "' takes a whole number");
        }
    }
}
