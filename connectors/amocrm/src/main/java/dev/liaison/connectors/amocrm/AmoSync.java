package dev.liaison.connectors.amocrm;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource.Page;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pulls contacts, then leads, one API page per call: {@code limit=250} (amoCRM's maximum),
 * {@code order[updated_at]=asc} so that the watermark only grows, {@code filter[updated_at][from]} from the
 * previous run's watermark, and the next page only while the answer links one ({@code _links.next}).
 */
final class AmoSync {

    static final int LIMIT = 250;

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
        if (answer.isPresent()) {
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
        return rest.changed(bearer, cursor.stream().resource(), LIMIT, cursor.page(), "asc", from > 0 ? from : null,
                cursor.stream().with());
    }

    private static boolean hasNextLink(JsonObject answer) {
        JsonValue links = answer.get("_links");
        return links != null && links.getValueType() == JsonValue.ValueType.OBJECT
                && links.asJsonObject().get("next") instanceof JsonObject;
    }
}
