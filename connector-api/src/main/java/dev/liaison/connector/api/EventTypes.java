package dev.liaison.connector.api;

import java.util.Map;

/** The stable names of the canonical event types, used in triggers, traces and the event journal. */
public final class EventTypes {

    private static final Map<Class<?>, String> NAMES = Map.of(
            ContactUpserted.class, "contact.upserted",
            ContactDeleted.class, "contact.deleted",
            DealStageChanged.class, "deal.stage_changed",
            TicketCreated.class, "ticket.created",
            TicketUpdated.class, "ticket.updated",
            ConsentChanged.class, "consent.changed",
            DeliveryStatusChanged.class, "delivery.status_changed");

    private EventTypes() {
    }

    static String nameOf(Class<?> eventClass) {
        String name = NAMES.get(eventClass);
        if (name == null) {
            throw new IllegalArgumentException("Not a canonical event type: " + eventClass.getName());
        }
        return name;
    }
}
