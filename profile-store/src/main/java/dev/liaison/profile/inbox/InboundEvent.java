package dev.liaison.profile.inbox;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.ConnectionContext;

/**
 * A canonical event on its way from the inbox to the profile store and the scenario engine, fired as a
 * synchronous CDI event inside the processing transaction: an observer that fails rolls the whole delivery back.
 * {@code inboxEntryId} and {@code seq} identify it for idempotent effects.
 */
public record InboundEvent(ConnectionContext connection, long inboxEntryId, int seq, CanonicalEvent event) {
}
