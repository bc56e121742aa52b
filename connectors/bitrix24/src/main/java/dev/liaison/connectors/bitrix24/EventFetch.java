package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.FetchedRecords;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns verified events into canonical events. Bitrix24 events carry only an id, so the records are fetched first,
 * all the events of a batch together ({@link #fetch}); what Liaison reports is the record's state at fetch time,
 * which also makes a late or repeated event harmless.
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

    /**
     * Reads the records the events name: one plain {@code crm.<entity>.get} for a single record, otherwise
     * {@code batch} calls of up to 50 {@code get} commands, so that a burst of events costs one call per 50 records
     * of the portal's 2-per-second budget. A failed call fails its records and every record after it: when the portal
     * refuses one call the next would meet the same limit, and the inbox retries those events later.
     */
    static FetchedRecords<JsonObject> fetch(ApiSupplier apis, List<OutgoingEvent> events) {
        Map<String, CrmEntity.Target> wanted = new LinkedHashMap<>();
        for (OutgoingEvent event : events) {
            if (needsRecord(event)) {
                String key = event.entity().refId(event.entityId());
                wanted.putIfAbsent(key, new CrmEntity.Target(event.entity(), event.entityId()));
            }
        }
        FetchedRecords<JsonObject> fetched = new FetchedRecords<>();
        List<CrmEntity.Target> targets = List.copyOf(wanted.values());
        try {
            Bitrix24Api api = targets.isEmpty() ? null : apis.get();
            if (targets.size() == 1) {
                CrmEntity.Target only = targets.get(0);
                Optional<JsonObject> record = api.get(only.entity(), only.id());
                return record.isPresent() ? fetched.found(only.refId(), record.get()) : fetched.absent(only.refId());
            }
            for (int from = 0; from < targets.size(); from += Bitrix24Api.MAX_BATCH_COMMANDS) {
                List<CrmEntity.Target> chunk = targets.subList(from,
                        Math.min(targets.size(), from + Bitrix24Api.MAX_BATCH_COMMANDS));
                readChunk(api, chunk, fetched);
            }
        } catch (RemoteSystemException failure) {
            for (CrmEntity.Target target : targets) {
                if (!fetched.has(target.refId())) {
                    fetched.failed(target.refId(), failure);
                }
            }
        }
        return fetched;
    }

    /** One {@code batch} of {@code get} commands, keyed by the records' external ids ({@code C_89}). */
    private static void readChunk(Bitrix24Api api, List<CrmEntity.Target> chunk, FetchedRecords<JsonObject> fetched)
            throws RemoteSystemException {
        Map<String, String> commands = new LinkedHashMap<>();
        for (CrmEntity.Target target : chunk) {
            commands.put(target.refId(), Bitrix24Api.command(target.entity().method("get"),
                    Bitrix24Api.JSON.createObjectBuilder().add("id", target.id()).build()));
        }
        Bitrix24Api.BatchResult batch = api.batch(commands);
        for (CrmEntity.Target target : chunk) {
            String key = target.refId();
            JsonValue result = batch.results().get(key);
            Optional<JsonObject> error = batch.error(key);
            if (result != null && result.getValueType() == JsonValue.ValueType.OBJECT) {
                fetched.found(key, result.asJsonObject());
            } else if (error.isPresent() && Bitrix24Api.isNotFound(error.get())) {
                fetched.absent(key);
            } else if (error.isPresent()) {
                fetched.failed(key, Bitrix24Api.commandFailure(key, error.get()));
            } else {
                fetched.failed(key, RemoteSystemException.permanent("Bitrix24 answered batch command '" + key
                        + "' with neither a result object nor an error"));
            }
        }
    }

    static List<CanonicalEvent> canonical(ConnectionContext connection, FetchedRecords<JsonObject> fetched,
                                          OutgoingEvent event) throws RemoteSystemException, MalformedPayloadException {
        if (event.entity() == CrmEntity.COMPANY) {
            return List.of();
        }
        boolean person = event.entity() == CrmEntity.CONTACT || event.entity() == CrmEntity.LEAD;
        if (event.action() == OutgoingEvent.Action.DELETE) {
            return person ? List.of(deleted(connection, event)) : List.of();
        }
        Optional<JsonObject> record = fetched.record(event.entity().refId(event.entityId()));
        if (record.isEmpty()) {
            return person ? List.of(deleted(connection, event)) : List.of();
        }
        return List.of(person
                ? CrmRecords.person(connection, event.entity(), record.get(), event.sentAt())
                : CrmRecords.deal(connection, record.get(), event.sentAt()));
    }

    private static boolean needsRecord(OutgoingEvent event) {
        return event.entity() != CrmEntity.COMPANY && event.action() != OutgoingEvent.Action.DELETE;
    }

    private static ContactDeleted deleted(ConnectionContext connection, OutgoingEvent event) {
        return new ContactDeleted(connection.ref(event.entity().refId(event.entityId())), event.sentAt());
    }
}
