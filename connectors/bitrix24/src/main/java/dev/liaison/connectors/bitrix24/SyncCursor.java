package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.MalformedPayloadException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Locale;

/**
 * Where a pull of one portal stands: the entity being read now (contacts, then leads, then deals) and the highest
 * ID already read of each. All three are kept, so that after the deals the next poll starts over at the contacts
 * and reads only what was added since. Stored by Liaison as compact JSON, e.g.
 * {@code {"v":1,"entity":"lead","contact":5120,"lead":350,"deal":0}}.
 *
 * <p>{@code checkedUpTo} is set while a pass checks which of the records Liaison holds are deleted
 * ({@link DeletionCheck}): the last held id checked, {@code ""} before the first; {@code null} the rest of the time.
 * It is written as {@code "checked"} only then, so cursors stored before the check existed still read.
 */
record SyncCursor(CrmEntity entity, long contact, long lead, long deal, String checkedUpTo) {

    static final SyncCursor START = new SyncCursor(CrmEntity.CONTACT, 0, 0, 0, null);

    static SyncCursor parse(String cursor) throws MalformedPayloadException {
        if (cursor == null || cursor.isBlank()) {
            return START;
        }
        JsonObject json;
        try (JsonReader reader = Bitrix24Api.JSON.createReader(new StringReader(cursor))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedPayloadException("the sync cursor is not a Bitrix24 cursor");
            }
            json = value.asJsonObject();
        } catch (JsonException e) {
            throw new MalformedPayloadException("the sync cursor is not a Bitrix24 cursor");
        }
        if (!"1".equals(Bitrix24Api.text(json, "v"))) {
            throw new MalformedPayloadException("the sync cursor is not a version 1 Bitrix24 cursor");
        }
        CrmEntity entity;
        try {
            entity = CrmEntity.valueOf(Bitrix24Api.text(json, "entity").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException("the sync cursor names an unknown entity");
        }
        if (entity == CrmEntity.COMPANY) {
            throw new MalformedPayloadException("the sync cursor names an entity that is not pulled");
        }
        JsonValue checked = json.get("checked");
        if (checked != null && checked.getValueType() != JsonValue.ValueType.STRING) {
            throw new MalformedPayloadException("the sync cursor's 'checked' position is not text");
        }
        if (checked != null && entity != CrmEntity.DEAL) {
            throw new MalformedPayloadException("the sync cursor checks deletions before the deals were read");
        }
        return new SyncCursor(entity, lastId(json, "contact"), lastId(json, "lead"), lastId(json, "deal"),
                checked == null ? null : Bitrix24Api.text(json, "checked"));
    }

    long lastId() {
        return entity == CrmEntity.CONTACT ? contact : entity == CrmEntity.LEAD ? lead : deal;
    }

    SyncCursor readUpTo(long id) {
        return switch (entity) {
            case CONTACT -> new SyncCursor(entity, id, lead, deal, null);
            case LEAD -> new SyncCursor(entity, contact, id, deal, null);
            default -> new SyncCursor(entity, contact, lead, id, null);
        };
    }

    /** The cursor for the next entity; after the deals, the contacts again (the end of this pass). */
    SyncCursor nextEntity() {
        CrmEntity next = entity == CrmEntity.CONTACT ? CrmEntity.LEAD
                : entity == CrmEntity.LEAD ? CrmEntity.DEAL : CrmEntity.CONTACT;
        return new SyncCursor(next, contact, lead, deal, null);
    }

    boolean checking() {
        return checkedUpTo != null;
    }

    /** The deletion check of this pass, from its first held record. */
    SyncCursor startCheck() {
        return new SyncCursor(CrmEntity.DEAL, contact, lead, deal, "");
    }

    /** The deletion check goes on after held record {@code id}. */
    SyncCursor checkedUpTo(String id) {
        return new SyncCursor(CrmEntity.DEAL, contact, lead, deal, id);
    }

    /** The pass is over: the next poll starts over at the contacts. */
    SyncCursor endOfPass() {
        return new SyncCursor(CrmEntity.CONTACT, contact, lead, deal, null);
    }

    boolean lastOfPass() {
        return entity == CrmEntity.DEAL;
    }

    String encode() {
        JsonObjectBuilder json = Bitrix24Api.JSON.createObjectBuilder()
                .add("v", 1)
                .add("entity", entity.name().toLowerCase(Locale.ROOT))
                .add("contact", contact)
                .add("lead", lead)
                .add("deal", deal);
        if (checkedUpTo != null) {
            json.add("checked", checkedUpTo);
        }
        return json.build().toString();
    }

    private static long lastId(JsonObject json, String name) throws MalformedPayloadException {
        String text = Bitrix24Api.text(json, name);
        if (!text.matches("0|[1-9][0-9]{0,17}")) {
            throw new MalformedPayloadException("the sync cursor has no valid '" + name + "' position");
        }
        return Long.parseLong(text);
    }
}
