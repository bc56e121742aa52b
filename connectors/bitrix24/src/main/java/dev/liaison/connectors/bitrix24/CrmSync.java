package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.HeldRecords;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pulls contacts, then leads, then deals in ID order ({@code order {ID: ASC}}), up to 50 pages of 50 in one
 * {@code batch} (external-apis.md §1.5, §1.7): every command shares {@code filter {">ID": last}} and asks for
 * {@code start} 0, 50, ..., 2 450, so no command depends on another's result. The price is a count query per command
 * ({@code start: -1} would skip it, but only for the first page); 50 empty commands once an entity is read to its end.
 *
 * <p>The cursor only ever moves to the last ID of an unbroken run of pages from the first one, so nothing is lost:
 * a command that failed, or one that saw another {@code total} than the first (a record deleted mid-batch shifts
 * every later offset, which would skip a row), ends the run there and the next pull reads on from it. A failure of
 * the first command is the pull's failure, retryable or not as its error code says, and the cursor stays where it was.
 *
 * <p>The pull that reads the last deals also starts the pass's {@link DeletionCheck}; when Liaison holds more than
 * one check's worth of records, the pass goes on with further pulls that only check.
 */
final class CrmSync {

    private CrmSync() {
    }

    static RecordSource.Page pull(Bitrix24Api api, HeldRecords held, String cursor, Instant now)
            throws RemoteSystemException, MalformedPayloadException {
        SyncCursor at = SyncCursor.parse(cursor);
        if (at.checking()) {
            return DeletionCheck.pull(api, held, at, now, List.of());
        }
        String method = at.entity().method("list");
        Map<String, String> commands = new LinkedHashMap<>();
        for (int page = 0; page < Bitrix24Api.MAX_BATCH_COMMANDS; page++) {
            commands.put(key(page), Bitrix24Api.command(method, page(at.entity(), at.lastId(), page)));
        }
        Bitrix24Api.BatchResult batch = api.batch(commands);

        List<CanonicalEvent> events = new ArrayList<>();
        long last = at.lastId();
        Optional<JsonValue> firstTotal = batch.total(key(0));
        for (int page = 0; page < Bitrix24Api.MAX_BATCH_COMMANDS; page++) {
            String key = key(page);
            Optional<JsonObject> error = batch.error(key);
            if (error.isPresent()) {
                if (page == 0) {
                    throw Bitrix24Api.commandFailure(key, error.get());
                }
                break;
            }
            JsonValue rows = batch.results().get(key);
            if (rows == null || rows.getValueType() != JsonValue.ValueType.ARRAY) {
                if (page == 0) {
                    throw RemoteSystemException.permanent("Bitrix24 answered " + method + " in a batch without a "
                            + "result list");
                }
                break;
            }
            if (page > 0 && !batch.total(key).equals(firstTotal)) {
                break;
            }
            for (JsonValue row : rows.asJsonArray()) {
                if (row.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new MalformedPayloadException(method + " returned a row that is no record");
                }
                JsonObject record = row.asJsonObject();
                events.add(at.entity() == CrmEntity.DEAL
                        ? CrmRecords.deal(api.connection(), record, null)
                        : CrmRecords.person(api.connection(), at.entity(), record, null));
                last = Math.max(last, CrmRecords.id(record));
            }
            if (rows.asJsonArray().size() < Bitrix24Api.PAGE_SIZE) {
                SyncCursor read = at.readUpTo(last);
                return read.lastOfPass() ? DeletionCheck.pull(api, held, read.startCheck(), now, events)
                        : new RecordSource.Page(events, read.nextEntity().encode(), true);
            }
        }
        return new RecordSource.Page(events, at.readUpTo(last).encode(), true, remaining(firstTotal, events.size()));
    }

    /**
     * What is left of the entity being read: the first command's {@code total} counts its records after the cursor's
     * ID, of which this page read {@code read}. Null when Bitrix24 wrote no readable count.
     */
    static Long remaining(Optional<JsonValue> total, int read) {
        if (total.isEmpty()) {
            return null;
        }
        String text = total.get() instanceof JsonString string ? string.getString() : total.get().toString();
        if (!text.matches("[0-9]{1,18}")) {
            return null;
        }
        return Math.max(0, Long.parseLong(text) - read);
    }

    /** Page {@code page} (from 0) of the records after ID {@code after}. */
    static JsonObject page(CrmEntity entity, long after, int page) {
        return Bitrix24Api.JSON.createObjectBuilder()
                .add("order", Bitrix24Api.JSON.createObjectBuilder().add("ID", "ASC"))
                .add("filter", Bitrix24Api.JSON.createObjectBuilder().add(">ID", after))
                .add("select", Bitrix24Api.JSON.createArrayBuilder(
                        entity == CrmEntity.DEAL ? CrmRecords.DEAL_SELECT : CrmRecords.PERSON_SELECT))
                .add("start", page * Bitrix24Api.PAGE_SIZE)
                .build();
    }

    private static String key(int page) {
        return "page" + page;
    }
}
