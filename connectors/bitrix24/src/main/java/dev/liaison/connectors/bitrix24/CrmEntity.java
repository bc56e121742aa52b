package dev.liaison.connectors.bitrix24;

import java.util.Optional;

/**
 * The CRM objects Liaison reads and writes. {@link #refPrefix} is Bitrix24's own short type code, the one
 * {@code UF_CRM_TASK} uses to bind a task ({@code C_7}, {@code L_4}, {@code CO_5}, {@code D_10}); Liaison's external
 * ids are written the same way, because contact 89 and lead 89 are different records.
 */
enum CrmEntity {
    CONTACT("crm.contact", "C_", "contact"),
    LEAD("crm.lead", "L_", "lead"),
    DEAL("crm.deal", "D_", "deal"),
    COMPANY("crm.company", "CO_", "company");

    private final String methodPrefix;
    private final String refPrefix;
    private final String timelineType;

    CrmEntity(String methodPrefix, String refPrefix, String timelineType) {
        this.methodPrefix = methodPrefix;
        this.refPrefix = refPrefix;
        this.timelineType = timelineType;
    }

    /** The prefix of this entity's REST methods, e.g. {@code crm.contact}. */
    String methodPrefix() {
        return methodPrefix;
    }

    /** The REST method for an action on this entity, e.g. {@code crm.contact.get}. */
    String method(String action) {
        return methodPrefix + "." + action;
    }

    /** The {@code ENTITY_TYPE} of {@code crm.timeline.comment.add}. */
    String timelineType() {
        return timelineType;
    }

    String refId(long id) {
        return refPrefix + id;
    }

    /** The entity and Bitrix24 id an external id such as {@code C_89} points at. */
    static Optional<Target> fromRefId(String refId) {
        if (refId == null) {
            return Optional.empty();
        }
        // CO_ before C_: both start with C.
        for (CrmEntity entity : new CrmEntity[] {COMPANY, CONTACT, LEAD, DEAL}) {
            if (refId.startsWith(entity.refPrefix)) {
                String digits = refId.substring(entity.refPrefix.length());
                if (digits.matches("[1-9][0-9]{0,17}")) {
                    return Optional.of(new Target(entity, Long.parseLong(digits)));
                }
            }
        }
        return Optional.empty();
    }

    /** One CRM record: its entity and Bitrix24 id. */
    record Target(CrmEntity entity, long id) {

        String refId() {
            return entity.refId(id);
        }
    }
}
