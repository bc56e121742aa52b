package dev.liaison.platform.sync;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConsentChanged;
import dev.liaison.connector.api.ContactDeleted;
import dev.liaison.connector.api.ContactUpserted;
import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.TicketCreated;
import dev.liaison.connector.api.TicketUpdated;

/**
 * What a synced record is, for the sync's counters per entity, read from its canonical event's type. There is no
 * company entity: no canonical event carries a company (a company is not a person; the Bitrix24 and amoCRM pulls read
 * contacts, leads and deals), so a company counter would always be zero.
 */
public enum SyncEntity {
    /** People: contacts, Bitrix24 leads, Zendesk users, and their consent. */
    CONTACTS,
    /** Deals (amoCRM leads) and their stages. */
    DEALS,
    /** Help-desk tickets. */
    TICKETS,
    /** Records the source deleted, found by reconciling deletions. */
    DELETIONS,
    /** An event type no connector pulls today (delivery reports); counted rather than lost. */
    OTHER;

    public static SyncEntity of(CanonicalEvent event) {
        if (event instanceof ContactUpserted || event instanceof ConsentChanged) {
            return CONTACTS;
        }
        if (event instanceof ContactDeleted) {
            return DELETIONS;
        }
        if (event instanceof DealStageChanged) {
            return DEALS;
        }
        if (event instanceof TicketCreated || event instanceof TicketUpdated) {
            return TICKETS;
        }
        return OTHER;
    }
}
