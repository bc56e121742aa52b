package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectIdentifiers;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the contacts and leads that hold one data subject: by each e-mail and phone ({@code crm.*.list} with
 * {@code filter {"EMAIL": value}}; multifield filters match the stored value exactly, so a phone is found only as
 * the CRM wrote it) and by the subject's external refs in this connection ({@code C_89}, {@code L_4}). All the
 * searches go out together in {@code batch} requests of at most 50 commands; a search that fills a whole page is
 * continued with plain list calls.
 */
final class SubjectLookup {

    private static final List<CrmEntity> PEOPLE = List.of(CrmEntity.CONTACT, CrmEntity.LEAD);

    private SubjectLookup() {
    }

    /** The records found, each once, in the order found. */
    static Map<CrmEntity.Target, JsonObject> find(Bitrix24Api api, SubjectIdentifiers subject)
            throws RemoteSystemException {
        Map<String, Search> searches = searches(api, subject);
        Map<CrmEntity.Target, JsonObject> found = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(searches.keySet());
        for (int from = 0; from < keys.size(); from += Bitrix24Api.MAX_BATCH_COMMANDS) {
            Map<String, String> commands = new LinkedHashMap<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + Bitrix24Api.MAX_BATCH_COMMANDS))) {
                commands.put(key, searches.get(key).command());
            }
            Bitrix24Api.BatchResult result = api.batch(commands);
            for (String key : commands.keySet()) {
                collect(api, key, searches.get(key), result, found);
            }
        }
        return found;
    }

    private static void collect(Bitrix24Api api, String key, Search search, Bitrix24Api.BatchResult result,
            Map<CrmEntity.Target, JsonObject> found) throws RemoteSystemException {
        Optional<JsonObject> error = result.error(key);
        if (error.isPresent()) {
            if (search.byId() && Bitrix24Api.isNotFound(error.get())) {
                return;
            }
            throw Bitrix24Api.commandFailure(key, error.get());
        }
        JsonValue value = result.results().get(key);
        if (search.byId()) {
            add(search.entity(), Bitrix24Api.object(search.entity().method("get"), value), found);
            return;
        }
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw RemoteSystemException.permanent("Bitrix24 batch command '" + key + "' returned no result list");
        }
        JsonArray page = value.asJsonArray();
        while (true) {
            long last = 0;
            for (JsonValue row : page) {
                last = Math.max(last, add(search.entity(), Bitrix24Api.object(search.entity().method("list"), row),
                        found));
            }
            if (page.size() < Bitrix24Api.PAGE_SIZE) {
                return;
            }
            page = api.list(search.entity(), search.params(last));
        }
    }

    private static long add(CrmEntity entity, JsonObject record, Map<CrmEntity.Target, JsonObject> found)
            throws RemoteSystemException {
        String id = Bitrix24Api.text(record, "ID");
        if (!id.matches("[1-9][0-9]{0,17}")) {
            throw RemoteSystemException.permanent("Bitrix24 returned a " + entity.timelineType() + " without an ID");
        }
        found.putIfAbsent(new CrmEntity.Target(entity, Long.parseLong(id)), record);
        return Long.parseLong(id);
    }

    private static Map<String, Search> searches(Bitrix24Api api, SubjectIdentifiers subject) {
        Map<String, Search> searches = new LinkedHashMap<>();
        for (CrmEntity entity : PEOPLE) {
            String prefix = entity.timelineType();
            for (int i = 0; i < subject.emails().size(); i++) {
                searches.put(prefix + "_email_" + i, Search.by(entity, "EMAIL", subject.emails().get(i)));
            }
            for (int i = 0; i < subject.phones().size(); i++) {
                searches.put(prefix + "_phone_" + i, Search.by(entity, "PHONE", subject.phones().get(i)));
            }
        }
        for (ExternalRef ref : subject.externalRefs()) {
            if (ref.system().equals(api.connection().kind()) && ref.connectionId().equals(api.connection().id())) {
                CrmEntity.fromRefId(ref.id())
                        .filter(target -> PEOPLE.contains(target.entity()))
                        .ifPresent(target -> searches.put("ref_" + target.refId(),
                                new Search(target.entity(), null, null, target.id())));
            }
        }
        return searches;
    }

    /** One search: a multifield filter on a list method, or a get by id. */
    private record Search(CrmEntity entity, String field, String value, long id) {

        static Search by(CrmEntity entity, String field, String value) {
            return new Search(entity, field, value, 0);
        }

        boolean byId() {
            return field == null;
        }

        String command() {
            return byId()
                    ? Bitrix24Api.command(entity.method("get"),
                            Bitrix24Api.JSON.createObjectBuilder().add("id", id).build())
                    : Bitrix24Api.command(entity.method("list"), params(0));
        }

        JsonObject params(long after) {
            JsonObjectBuilder filter = Bitrix24Api.JSON.createObjectBuilder().add(field, value);
            if (after > 0) {
                filter.add(">ID", after);
            }
            return Bitrix24Api.JSON.createObjectBuilder()
                    .add("order", Bitrix24Api.JSON.createObjectBuilder().add("ID", "ASC"))
                    .add("filter", filter)
                    .add("select", Bitrix24Api.JSON.createArrayBuilder(CrmRecords.PERSON_SELECT))
                    .add("start", -1)
                    .build();
        }
    }
}
