package dev.liaison.platform.inbox;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.ConnectionContext;
import java.util.Set;

/**
 * A canonical event on its way from the inbox to the profile store and the scenario engine, fired as a
 * synchronous CDI event inside the processing transaction: an observer that fails rolls the whole delivery back.
 * {@code inboxEntryId} and {@code seq} identify it for idempotent effects; {@code capabilities} says what the
 * connection's connector can do in return (route the ticket, send a message).
 */
public record InboundEvent(ConnectionContext connection, Set<Capability> capabilities, long inboxEntryId, int seq,
                           CanonicalEvent event) {

    public InboundEvent {
        capabilities = Set.copyOf(capabilities);
    }

    /** The key of the {@code index}-th action this event causes: the same on every re-processing. */
    public String actionKey(int index) {
        return "inbox-" + inboxEntryId + "/" + seq + "/" + index;
    }
}
