package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Turns one verified event into canonical events. Bitrix24 events carry only an id, so the record is fetched; what
 * Liaison reports is the record's state at fetch time, which also makes a late or repeated event harmless.
 *
 * <ul>
 *   <li>contacts and leads: {@code ContactUpserted}; a delete event, or a get answering "Not found" (the record was
 *       deleted before the event was processed), is a {@code ContactDeleted}</li>
 *   <li>deals: {@code DealStageChanged}. There is no canonical "deal deleted", so a deleted deal yields no event:
 *       the profile store keeps the stage history it had</li>
 *   <li>companies: accepted, verified and deduplicated, but no event: a company is not a person and the canonical
 *       model has no organisation yet. Nothing is fetched for them</li>
 * </ul>
 */
final class EventFetch {

    /** Builds the REST client only when a record has to be fetched. */
    @FunctionalInterface
    interface ApiSupplier {
        Bitrix24Api get() throws RemoteSystemException;
    }

    private EventFetch() {
    }

    static List<CanonicalEvent> canonical(ConnectionContext connection, ApiSupplier apis, OutgoingEvent event)
            throws RemoteSystemException, MalformedPayloadException {
        if (event.entity() == CrmEntity.COMPANY) {
            return List.of();
        }
        boolean person = event.entity() == CrmEntity.CONTACT || event.entity() == CrmEntity.LEAD;
        if (event.action() == OutgoingEvent.Action.DELETE) {
            return person ? List.of(deleted(connection, event)) : List.of();
        }
        Bitrix24Api api = apis.get();
        Optional<JsonObject> record = api.get(event.entity(), event.entityId());
        if (record.isEmpty()) {
            return person ? List.of(deleted(connection, event)) : List.of();
        }
        return List.of(person
                ? CrmRecords.person(connection, event.entity(), record.get(), event.sentAt())
                : CrmRecords.deal(connection, record.get(), event.sentAt()));
    }

    private static ContactDeleted deleted(ConnectionContext connection, OutgoingEvent event) {
        return new ContactDeleted(connection.ref(event.entity().refId(event.entityId())), event.sentAt());
    }
}
