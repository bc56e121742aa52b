package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.HeldRecords;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the contacts and leads deleted in the portal. Bitrix24 publishes no deletions over REST: its
 * {@code ONCRMCONTACTDELETE} and {@code ONCRMLEADDELETE} events are sent once and never retried, and a deleted record
 * simply stops being listed. So the end of every pass walks the records Liaison holds for the connection
 * ({@link HeldRecords}, up to {@value #HELD_PER_PULL} per pull) and asks the portal which still exist, in one
 * {@code batch} of {@code crm.contact.list} / {@code crm.lead.list} commands with {@code filter {"@ID": [...]}} (IN,
 * external-apis.md §1.5) of up to 50 ids each and {@code select ["ID"]}; the ones not listed become
 * {@link ContactDeleted}, dated when they were found missing. The cost follows what Liaison holds, not the portal's
 * size: 2 400 held records per request.
 *
 * <p>Any command in {@code result_error} fails the pull: a missing answer must never read as a deletion. The cursor
 * stays where it was and the check is tried again.
 */
final class DeletionCheck {

    /** 48 commands of 50 ids when contacts and leads come evenly; at most 50 commands however they interleave. */
    static final int HELD_PER_PULL = (Bitrix24Api.MAX_BATCH_COMMANDS - 2) * Bitrix24Api.PAGE_SIZE;

    private DeletionCheck() {
    }

    /**
     * @param at     a cursor that is {@linkplain SyncCursor#checking() checking}
     * @param before the events already read by this pull (the last deals), handed on in the same page
     */
    static RecordSource.Page pull(Bitrix24Api api, HeldRecords held, SyncCursor at, Instant now,
                                  List<CanonicalEvent> before) throws RemoteSystemException, MalformedPayloadException {
        String after = at.checkedUpTo().isEmpty() ? null : at.checkedUpTo();
        List<String> ids = held.idsAfter(api.connection(), after, HELD_PER_PULL);
        List<CanonicalEvent> events = new ArrayList<>(before);
        if (ids.isEmpty()) {
            return new RecordSource.Page(events, at.endOfPass().encode(), false, 0L);
        }
        Map<String, List<CrmEntity.Target>> commands = commands(ids);
        if (!commands.isEmpty()) {
            Set<String> listed = listed(api, commands);
            for (List<CrmEntity.Target> chunk : commands.values()) {
                for (CrmEntity.Target target : chunk) {
                    if (!listed.contains(target.refId())) {
                        events.add(new ContactDeleted(api.connection().ref(target.refId()), now));
                    }
                }
            }
        }
        if (ids.size() < HELD_PER_PULL) {
            return new RecordSource.Page(events, at.endOfPass().encode(), false, 0L);
        }
        return new RecordSource.Page(events, at.checkedUpTo(ids.get(ids.size() - 1)).encode(), true);
    }

    /** The held contacts and leads in chunks of up to 50 per entity, by command key; other ids are not people. */
    static Map<String, List<CrmEntity.Target>> commands(List<String> ids) {
        Map<String, List<CrmEntity.Target>> commands = new LinkedHashMap<>();
        Map<CrmEntity, List<CrmEntity.Target>> open = new LinkedHashMap<>();
        for (String id : ids) {
            Optional<CrmEntity.Target> target = CrmEntity.fromRefId(id)
                    .filter(found -> found.entity() == CrmEntity.CONTACT || found.entity() == CrmEntity.LEAD);
            if (target.isEmpty()) {
                continue;
            }
            List<CrmEntity.Target> chunk = open.computeIfAbsent(target.get().entity(), entity -> {
                List<CrmEntity.Target> fresh = new ArrayList<>();
                commands.put("held" + commands.size(), fresh);
                return fresh;
            });
            chunk.add(target.get());
            if (chunk.size() == Bitrix24Api.PAGE_SIZE) {
                open.remove(target.get().entity());
            }
        }
        return commands;
    }

    /** The refs of the records the portal still lists. */
    private static Set<String> listed(Bitrix24Api api, Map<String, List<CrmEntity.Target>> commands)
            throws RemoteSystemException, MalformedPayloadException {
        Map<String, String> batch = new LinkedHashMap<>();
        commands.forEach((key, chunk) -> batch.put(key, Bitrix24Api.command(chunk.get(0).entity().method("list"),
                existing(chunk))));
        Bitrix24Api.BatchResult result = api.batch(batch);
        Set<String> listed = new HashSet<>();
        for (Map.Entry<String, List<CrmEntity.Target>> command : commands.entrySet()) {
            String key = command.getKey();
            Optional<JsonObject> error = result.error(key);
            if (error.isPresent()) {
                throw Bitrix24Api.commandFailure(key, error.get());
            }
            JsonValue rows = result.results().get(key);
            if (rows == null || rows.getValueType() != JsonValue.ValueType.ARRAY) {
                throw RemoteSystemException.permanent("Bitrix24 answered a deletion check in a batch without a "
                        + "result list");
            }
            CrmEntity entity = command.getValue().get(0).entity();
            for (JsonValue row : rows.asJsonArray()) {
                if (row.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new MalformedPayloadException(entity.method("list") + " returned a row that is no record");
                }
                listed.add(entity.refId(CrmRecords.id(row.asJsonObject())));
            }
        }
        return listed;
    }

    /** Which of these records exist: their IDs only, all on one page (at most 50 match). */
    static JsonObject existing(List<CrmEntity.Target> chunk) {
        JsonArrayBuilder ids = Bitrix24Api.JSON.createArrayBuilder();
        chunk.forEach(target -> ids.add(target.id()));
        return Bitrix24Api.JSON.createObjectBuilder()
                .add("filter", Bitrix24Api.JSON.createObjectBuilder().add("@ID", ids))
                .add("select", Bitrix24Api.JSON.createArrayBuilder().add("ID"))
                .add("start", 0)
                .build();
    }
}
