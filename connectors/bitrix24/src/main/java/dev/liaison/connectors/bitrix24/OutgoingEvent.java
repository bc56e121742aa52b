package dev.liaison.connectors.bitrix24;

import dev.liaison.connector.api.MalformedPayloadException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One event of Bitrix24's outgoing webhook, as far as its form body tells: which CRM record, what happened to it
 * and when it left Bitrix24's queue ({@code ts}, unix seconds). Events carry only the record's id; its data has to
 * be fetched.
 */
record OutgoingEvent(String name, CrmEntity entity, Action action, long entityId, Instant sentAt) {

    enum Action { ADD, UPDATE, DELETE, MOVE_TO_CATEGORY }

    private record Meaning(CrmEntity entity, Action action) {
    }

    /** The events Liaison subscribes to, by their upper-cased name (Bitrix24 upper-cases them, docs sometimes not). */
    private static final Map<String, Meaning> KNOWN = Map.ofEntries(
            Map.entry("ONCRMCONTACTADD", new Meaning(CrmEntity.CONTACT, Action.ADD)),
            Map.entry("ONCRMCONTACTUPDATE", new Meaning(CrmEntity.CONTACT, Action.UPDATE)),
            Map.entry("ONCRMCONTACTDELETE", new Meaning(CrmEntity.CONTACT, Action.DELETE)),
            Map.entry("ONCRMLEADADD", new Meaning(CrmEntity.LEAD, Action.ADD)),
            Map.entry("ONCRMLEADUPDATE", new Meaning(CrmEntity.LEAD, Action.UPDATE)),
            Map.entry("ONCRMLEADDELETE", new Meaning(CrmEntity.LEAD, Action.DELETE)),
            Map.entry("ONCRMDEALADD", new Meaning(CrmEntity.DEAL, Action.ADD)),
            Map.entry("ONCRMDEALUPDATE", new Meaning(CrmEntity.DEAL, Action.UPDATE)),
            Map.entry("ONCRMDEALDELETE", new Meaning(CrmEntity.DEAL, Action.DELETE)),
            Map.entry("ONCRMDEALMOVETOCATEGORY", new Meaning(CrmEntity.DEAL, Action.MOVE_TO_CATEGORY)),
            Map.entry("ONCRMCOMPANYADD", new Meaning(CrmEntity.COMPANY, Action.ADD)),
            Map.entry("ONCRMCOMPANYUPDATE", new Meaning(CrmEntity.COMPANY, Action.UPDATE)),
            Map.entry("ONCRMCOMPANYDELETE", new Meaning(CrmEntity.COMPANY, Action.DELETE)));

    /** The names to bind with {@code event.bind}. */
    static Set<String> names() {
        return KNOWN.keySet();
    }

    static OutgoingEvent of(FormBody form) throws MalformedPayloadException {
        String name = form.required("event").toUpperCase(Locale.ROOT);
        Meaning meaning = KNOWN.get(name);
        if (meaning == null) {
            // The name is not repeated: it is whatever the sender typed, and an answer never echoes input.
            throw new MalformedPayloadException("the event is not one Liaison subscribes to; bind only "
                    + "ONCRMCONTACT*, ONCRMLEAD*, ONCRMDEAL* and ONCRMCOMPANY* to this handler");
        }
        long id = positiveNumber(form, "data[FIELDS][ID]");
        Instant sentAt = Instant.ofEpochSecond(positiveNumber(form, "ts"));
        return new OutgoingEvent(name, meaning.entity(), meaning.action(), id, sentAt);
    }

    /**
     * Bitrix24 gives events no id of their own, and {@code event_handler_id} names the subscription, not the event.
     * What tells two events apart is what happened, to which record, and when it left the queue. A redelivery (an
     * offline event fetched again, a proxy retrying the POST) repeats all three, so it is dropped; two changes of one
     * record sent in the same second collapse into one, which loses nothing because processing fetches the record's
     * current state, and the periodic pull reconciles whatever a dropped event (Bitrix24 never retries) missed.
     */
    String dedupKey() {
        return name + ":" + entityId + ":" + sentAt.getEpochSecond();
    }

    private static long positiveNumber(FormBody form, String name) throws MalformedPayloadException {
        String text = form.required(name);
        if (!text.matches("[1-9][0-9]{0,17}")) {
            throw new MalformedPayloadException("the form field '" + name + "' must be a positive whole number");
        }
        return Long.parseLong(text);
    }
}
