package dev.liaison.profile.timeline;

import dev.liaison.connector.api.DealStageChanged;
import dev.liaison.connector.api.ExternalRef;
import dev.liaison.connector.api.TicketCreated;
import dev.liaison.profile.identity.Identity;

/** What a canonical event says about a deal or a ticket, as the state {@link TimelineStore} keeps. */
public final class TimelineEvents {

    private TimelineEvents() {
    }

    /**
     * The deal as the event describes it. A source that does not say when the deal was created gives the event's
     * time, and the store keeps the earliest it sees.
     */
    public static DealState deal(String connectionId, DealStageChanged deal, String profileId) {
        DealStatus status = deal.won() ? DealStatus.WON : deal.lost() ? DealStatus.LOST : DealStatus.OPEN;
        ExternalRef contact = deal.contactRef();
        return new DealState(connectionId, deal.ref().id(), profileId,
                contact == null ? null : Identity.of(contact).value(), blankToNull(deal.title()), deal.pipeline(),
                deal.stage(), status, deal.amount(), deal.currency(), deal.ownerId(),
                deal.createdAt() == null ? deal.occurredAt() : deal.createdAt(), deal.occurredAt());
    }

    /** The new ticket: created and last changed at the event's time. */
    public static TicketState ticket(String connectionId, TicketCreated ticket, String profileId) {
        return new TicketState(connectionId, ticket.ref().id(), profileId, blankToNull(ticket.subject()),
                ticket.status(), ticket.priority(), ticket.group(), ticket.assignee(), ticket.occurredAt(),
                ticket.occurredAt());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
