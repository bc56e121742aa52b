package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.SubjectEraser;
import dev.liaison.connector.api.SubjectIdentifiers;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Data-subject requests against one portal. Erasure deletes every contact and lead {@link SubjectLookup} finds
 * ({@code crm.contact.delete}, {@code crm.lead.delete}, sent together in {@code batch} requests); deals and companies
 * are business records and are left as they are. Export returns the found records as Bitrix24 gave them.
 */
final class SubjectRequests {

    private SubjectRequests() {
    }

    static SubjectEraser.Outcome erase(Bitrix24Api api, SubjectIdentifiers subject) throws RemoteSystemException {
        List<CrmEntity.Target> targets = new ArrayList<>(SubjectLookup.find(api, subject).keySet());
        List<String> deleted = new ArrayList<>();
        List<String> alreadyGone = new ArrayList<>();
        for (int from = 0; from < targets.size(); from += Bitrix24Api.MAX_BATCH_COMMANDS) {
            Map<String, String> commands = new LinkedHashMap<>();
            for (CrmEntity.Target target
                    : targets.subList(from, Math.min(targets.size(), from + Bitrix24Api.MAX_BATCH_COMMANDS))) {
                commands.put(target.refId(), Bitrix24Api.command(target.entity().method("delete"),
                        Bitrix24Api.JSON.createObjectBuilder().add("id", target.id()).build()));
            }
            Bitrix24Api.BatchResult result = api.batch(commands);
            for (String refId : commands.keySet()) {
                Optional<JsonObject> error = result.error(refId);
                if (error.isEmpty()) {
                    deleted.add(refId);
                } else if (Bitrix24Api.isNotFound(error.get())) {
                    alreadyGone.add(refId);
                } else {
                    throw Bitrix24Api.commandFailure(refId, error.get());
                }
            }
        }
        if (targets.isEmpty()) {
            return new SubjectEraser.Outcome(0, "bitrix24 connection " + api.connection().id()
                    + ": no contact or lead matched");
        }
        return new SubjectEraser.Outcome(deleted.size(), "bitrix24 connection " + api.connection().id()
                + ": deleted " + deleted + (alreadyGone.isEmpty() ? "" : ", already gone " + alreadyGone));
    }

    /**
     * {@code {"system":"bitrix24","connectionId":"...","records":[{"ref":"C_89","entity":"contact","data":{...}}]}},
     * {@code data} being the record as {@code crm.*.get}/{@code crm.*.list} returned it, multifields included.
     */
    static String export(Bitrix24Api api, SubjectIdentifiers subject) throws RemoteSystemException {
        JsonArrayBuilder records = Bitrix24Api.JSON.createArrayBuilder();
        for (Map.Entry<CrmEntity.Target, JsonObject> found : SubjectLookup.find(api, subject).entrySet()) {
            records.add(Bitrix24Api.JSON.createObjectBuilder()
                    .add("ref", found.getKey().refId())
                    .add("entity", found.getKey().entity().timelineType())
                    .add("data", found.getValue()));
        }
        return Bitrix24Api.JSON.createObjectBuilder()
                .add("system", api.connection().kind())
                .add("connectionId", api.connection().id())
                .add("records", records)
                .build().toString();
    }
}
