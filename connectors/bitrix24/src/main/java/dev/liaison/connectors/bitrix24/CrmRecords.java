package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.Amounts;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Contact;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.MalformedPayloadException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns CRM records, as {@code crm.*.get} and {@code crm.*.list} return them, into canonical events. Contacts and
 * leads are people: both become {@link ContactUpserted}. A deal becomes {@link DealStageChanged} with its current
 * stage: Bitrix24's events do not say which field changed, so consumers compare with the stage they knew.
 */
final class CrmRecords {

    /** Fields every record read for mapping must carry; multifields are only returned when listed by name. */
    static final List<String> PERSON_SELECT = List.of("*", "UF_*", "PHONE", "EMAIL");
    static final List<String> DEAL_SELECT = List.of("*", "UF_*");

    private CrmRecords() {
    }

    static long id(JsonObject record) throws MalformedPayloadException {
        String text = Bitrix24Api.text(record, "ID");
        if (!text.matches("[1-9][0-9]{0,17}")) {
            throw new MalformedPayloadException("a Bitrix24 record has no numeric ID");
        }
        return Long.parseLong(text);
    }

    /**
     * @param fallback when the record says nothing about its last change (only possible if a select left
     *                 {@code DATE_MODIFY} out): the time the event was sent, or {@code null} to refuse the record
     */
    static ContactUpserted person(ConnectionContext connection, CrmEntity entity, JsonObject record, Instant fallback)
            throws MalformedPayloadException {
        String refId = entity.refId(id(record));
        Contact contact = new Contact(
                nullable(record, "NAME"),
                nullable(record, "LAST_NAME"),
                multifield(record, "EMAIL"),
                multifield(record, "PHONE"),
                null,
                entity == CrmEntity.LEAD ? nullable(record, "COMPANY_TITLE") : null,
                userFields(record));
        return new ContactUpserted(connection.ref(refId), time(record, refId, fallback, "DATE_MODIFY", "DATE_CREATE"),
                contact);
    }

    /**
     * Won follows the stage's semantics: {@code STAGE_SEMANTIC_ID} "S" is "successful" (b24restdocs
     * api-reference/crm/deals/crm-deal-get.md: P in progress, S successful, F unsuccessful). The system won stage of
     * a pipeline is {@code WON} in the general one and {@code C<category>:WON} in the others, which also covers a
     * record whose select left the semantics out; lost likewise is "F", or the system stage {@code LOSE}.
     */
    static DealStageChanged deal(ConnectionContext connection, JsonObject record, Instant fallback)
            throws MalformedPayloadException {
        String refId = CrmEntity.DEAL.refId(id(record));
        String stage = nullable(record, "STAGE_ID");
        if (stage == null) {
            throw new MalformedPayloadException("deal " + refId + " has no STAGE_ID");
        }
        String semantics = nullable(record, "STAGE_SEMANTIC_ID");
        boolean won = "S".equals(semantics) || stage.equals("WON") || stage.endsWith(":WON");
        boolean lost = !won && ("F".equals(semantics) || stage.equals("LOSE") || stage.endsWith(":LOSE"));
        String created = nullable(record, "DATE_CREATE");
        return new DealStageChanged(connection.ref(refId),
                time(record, refId, fallback, "MOVED_TIME", "DATE_MODIFY"),
                contactRef(connection, record), nullable(record, "CATEGORY_ID"), stage, won,
                amount(record, refId), nullable(record, "CURRENCY_ID"), lost, nullable(record, "TITLE"),
                nullable(record, "ASSIGNED_BY_ID"), created == null ? null : time(record, refId, null, "DATE_CREATE"));
    }

    private static ExternalRef contactRef(ConnectionContext connection, JsonObject record) {
        String contactId = nullable(record, "CONTACT_ID");
        return contactId == null || !contactId.matches("[1-9][0-9]{0,17}")
                ? null : connection.ref(CrmEntity.CONTACT.refId(Long.parseLong(contactId)));
    }

    private static BigDecimal amount(JsonObject record, String refId) throws MalformedPayloadException {
        String text = nullable(record, "OPPORTUNITY");
        if (text == null) {
            return null;
        }
        return Amounts.parse("OPPORTUNITY of deal " + refId, text);
    }

    /** The values of a {@code crm_multifield} list ({@code [{ID, TYPE_ID, VALUE, VALUE_TYPE}]}), blanks left out. */
    private static List<String> multifield(JsonObject record, String name) {
        List<String> values = new ArrayList<>();
        JsonValue field = record.get(name);
        if (field == null || field.getValueType() != JsonValue.ValueType.ARRAY) {
            return values;
        }
        for (JsonValue entry : field.asJsonArray()) {
            if (entry.getValueType() == JsonValue.ValueType.OBJECT) {
                String value = Bitrix24Api.text(entry.asJsonObject(), "VALUE").trim();
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    /** Custom fields ({@code UF_CRM_*}) with a single value: where consent checkboxes live. */
    private static Map<String, String> userFields(JsonObject record) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> field : record.entrySet()) {
            JsonValue.ValueType type = field.getValue().getValueType();
            if (field.getKey().startsWith("UF_") && type != JsonValue.ValueType.NULL
                    && type != JsonValue.ValueType.ARRAY && type != JsonValue.ValueType.OBJECT) {
                fields.put(field.getKey(), Bitrix24Api.text(record, field.getKey()));
            }
        }
        return fields;
    }

    private static Instant time(JsonObject record, String refId, Instant fallback, String... names)
            throws MalformedPayloadException {
        for (String name : names) {
            String text = nullable(record, name);
            if (text != null) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    throw new MalformedPayloadException(refId + " has a " + name + " that is not an ISO-8601 time");
                }
            }
        }
        if (fallback == null) {
            throw new MalformedPayloadException(refId + " says nothing about when it changed (" + names[0] + ")");
        }
        return fallback;
    }

    private static String nullable(JsonObject record, String name) {
        String text = Bitrix24Api.text(record, name).trim();
        return text.isEmpty() ? null : text;
    }
}
