package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RecordSource;
import dev.liaison.connector.api.RemoteSystemException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls contacts, then leads, then deals, the way Bitrix24 recommends for big exports (b24restdocs
 * settings/performance/huge-data.md): {@code order {ID: ASC}}, {@code filter {">ID": last}}, {@code start: -1}
 * (no count query), stopping at a page of fewer than 50 rows. One plain {@code crm.*.list} call per page: each page's
 * filter needs the previous page's last ID, which {@code batch} could only pass on through {@code $result[...]}
 * references that break on a short page.
 */
final class CrmSync {

    private CrmSync() {
    }

    static RecordSource.Page pull(Bitrix24Api api, String cursor)
            throws RemoteSystemException, MalformedPayloadException {
        SyncCursor at = SyncCursor.parse(cursor);
        JsonArray rows = api.list(at.entity(), page(at.entity(), at.lastId()));
        List<CanonicalEvent> events = new ArrayList<>();
        long last = at.lastId();
        for (JsonValue row : rows) {
            if (row.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedPayloadException(at.entity().method("list") + " returned a row that is no record");
            }
            JsonObject record = row.asJsonObject();
            events.add(at.entity() == CrmEntity.DEAL
                    ? CrmRecords.deal(api.connection(), record, null)
                    : CrmRecords.person(api.connection(), at.entity(), record, null));
            last = Math.max(last, CrmRecords.id(record));
        }
        SyncCursor read = at.readUpTo(last);
        if (rows.size() >= Bitrix24Api.PAGE_SIZE) {
            return new RecordSource.Page(events, read.encode(), true);
        }
        return new RecordSource.Page(events, read.nextEntity().encode(), !read.lastOfPass());
    }

    static JsonObject page(CrmEntity entity, long after) {
        return Bitrix24Api.JSON.createObjectBuilder()
                .add("order", Bitrix24Api.JSON.createObjectBuilder().add("ID", "ASC"))
                .add("filter", Bitrix24Api.JSON.createObjectBuilder().add(">ID", after))
                .add("select", Bitrix24Api.JSON.createArrayBuilder(
                        entity == CrmEntity.DEAL ? CrmRecords.DEAL_SELECT : CrmRecords.PERSON_SELECT))
                .add("start", -1)
                .build();
    }
}
