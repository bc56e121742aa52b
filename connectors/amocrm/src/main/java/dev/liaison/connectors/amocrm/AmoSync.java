package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource.Page;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pulls contacts, then leads, one API page per call: {@code limit=250} (amoCRM's maximum),
 * {@code order[updated_at]=asc} so that the watermark only grows, {@code filter[updated_at][from]} from the
 * previous run's watermark, and the next page only while the answer links one ({@code _links.next}).
 *
 * <p>Then the deletions, which the lists no longer show: the events API ({@code GET /api/v4/events}, external-apis-wave2
 * §5.2) with {@code filter[type]=contact_deleted,contact_restored}, {@code filter[created_at][from]} the previous
 * run's newest event (inclusive: an event of that second is read again, and a deletion reported twice detaches nothing
 * more), {@value #EVENTS_LIMIT} a page (the Russian API's maximum). A contact whose newest event on the page is a
 * deletion becomes {@link ContactDeleted}, dated when it was deleted; one restored after it is left alone, since its
 * record is listed again. Leads are deals in amoCRM, and the model has no deleted deal: their events are not read.
 */
final class AmoSync {

    static final int LIMIT = 250;
    static final int EVENTS_LIMIT = 100;
    static final String EVENT_TYPES = "contact_deleted,contact_restored";

    private AmoSync() {
    }

    static Page pull(AmoApi api, ConnectionContext connection, String cursorText)
            throws RemoteSystemException, MalformedPayloadException {
        SyncCursor cursor = SyncCursor.parse(cursorText);
        SyncCursor.Stream stream = cursor.stream();
        Optional<JsonObject> answer = api.get((rest, bearer) -> page(rest, bearer, cursor));
        List<CanonicalEvent> events = new ArrayList<>();
        long high = 0;
        boolean linksNext = false;
        if (answer.isPresent() && stream == SyncCursor.Stream.EVENTS) {
            high = deletions(connection, answer.get(), events);
            linksNext = hasNextLink(answer.get());
        } else if (answer.isPresent()) {
            for (JsonValue record : AmoRecords.embedded(answer.get(), stream.resource())) {
                if (record.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new MalformedPayloadException("amoCRM listed a " + stream.resource() + " entry that is "
                            + "not an object");
                }
                JsonObject object = record.asJsonObject();
                events.add(stream == SyncCursor.Stream.CONTACTS ? AmoRecords.contact(connection, object)
                        : AmoRecords.lead(connection, object, api.currency()));
                JsonValue updatedAt = object.get("updated_at");
                if (updatedAt instanceof JsonNumber) {
                    high = Math.max(high, ((JsonNumber) updatedAt).longValue());
                }
            }
            linksNext = hasNextLink(answer.get());
        }
        if (linksNext) {
            return new Page(events, cursor.nextPage(high).encode(), true);
        }
        SyncCursor nextStream = cursor.nextStream(high);
        if (nextStream != null) {
            return new Page(events, nextStream.encode(), true);
        }
        return new Page(events, cursor.nextRun(high).encode(), false);
    }

    /** One page of the cursor's list, oldest change first, from this run's watermark. */
    static Response page(AmoRest rest, String bearer, SyncCursor cursor) {
        long from = cursor.current().from();
        if (cursor.stream() == SyncCursor.Stream.EVENTS) {
            return rest.events(bearer, EVENTS_LIMIT, cursor.page(), EVENT_TYPES, from > 0 ? from : null);
        }
        return rest.changed(bearer, cursor.stream().resource(), LIMIT, cursor.page(), "asc", from > 0 ? from : null,
                cursor.stream().with());
    }

    /**
     * Adds a {@link ContactDeleted} for each contact whose newest event on this page is {@code contact_deleted}.
     *
     * @return the newest {@code created_at} on the page, 0 for none
     */
    static long deletions(ConnectionContext connection, JsonObject answer, List<CanonicalEvent> events)
            throws MalformedPayloadException {
        Map<String, JsonObject> newest = new LinkedHashMap<>();
        long high = 0;
        for (JsonValue item : AmoRecords.embedded(answer, "events")) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedPayloadException("amoCRM listed an event that is not an object");
            }
            JsonObject event = item.asJsonObject();
            if (!(event.get("created_at") instanceof JsonNumber createdAt)
                    || !(event.get("entity_id") instanceof JsonNumber entityId)) {
                throw new MalformedPayloadException("amoCRM listed an event without a numeric 'entity_id' and "
                        + "'created_at'");
            }
            high = Math.max(high, createdAt.longValue());
            String contact = entityId.toString();
            JsonObject known = newest.get(contact);
            if (known == null || known.getJsonNumber("created_at").longValue() <= createdAt.longValue()) {
                newest.put(contact, event);
            }
        }
        for (Map.Entry<String, JsonObject> contact : newest.entrySet()) {
            JsonObject event = contact.getValue();
            if ("contact_deleted".equals(AmoRecords.text(event, "type"))) {
                events.add(new ContactDeleted(connection.ref(contact.getKey()),
                        Instant.ofEpochSecond(event.getJsonNumber("created_at").longValue())));
            }
        }
        return high;
    }

    private static boolean hasNextLink(JsonObject answer) {
        JsonValue links = answer.get("_links");
        return links != null && links.getValueType() == JsonValue.ValueType.OBJECT
                && links.asJsonObject().get("next") instanceof JsonObject;
    }
}
