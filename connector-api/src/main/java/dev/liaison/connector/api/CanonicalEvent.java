package dev.liaison.connector.api;

import java.time.Instant;

/**
 * Something that happened in a connected system, in the one vocabulary the rest of Liaison understands.
 * Events are immutable; every one names its source record and the time the source says it happened.
 */
public sealed interface CanonicalEvent
        permits ContactUpserted, ContactDeleted, DealStageChanged, TicketCreated, TicketUpdated, ConsentChanged,
        DeliveryStatusChanged {

    ExternalRef ref();

    Instant occurredAt();

    /** A stable name for logs, traces and scenario triggers, e.g. {@code contact.upserted}. */
    default String type() {
        return EventTypes.nameOf(getClass());
    }
}
