package dev.liaison.platform.inbox;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.ConnectionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A canonical event on its way from the inbox to the profile store and the scenario engine, fired as a
 * synchronous CDI event inside the processing transaction: an observer that fails rolls the whole delivery back.
 * {@code inboxEntryId} and {@code seq} identify it for idempotent effects; {@code capabilities} says what the
 * connection's connector can do in return (route the ticket, send a message). {@code fromSync} is true for records a
 * pull sync read from the connected system (an initial import or a reconciliation) rather than a webhook: such a
 * record may describe something that happened long ago, see {@link #historical}.
 */
public record InboundEvent(ConnectionContext connection, Set<Capability> capabilities, long inboxEntryId, int seq,
                           CanonicalEvent event, boolean fromSync) {

    public InboundEvent {
        capabilities = Set.copyOf(capabilities);
    }

    /** An event delivered by a webhook. */
    public InboundEvent(ConnectionContext connection, Set<Capability> capabilities, long inboxEntryId, int seq,
                        CanonicalEvent event) {
        this(connection, capabilities, inboxEntryId, seq, event, false);
    }

    /** The key of the {@code index}-th action this event causes: the same on every re-processing. */
    public String actionKey(int index) {
        return "inbox-" + inboxEntryId + "/" + seq + "/" + index;
    }

    /**
     * Whether this is history read by a sync: a record the source dates more than {@code horizon} before
     * {@code now}. Reactions meant for what happens now (scenarios) leave it alone; the record itself still counts
     * (profiles, consent, loyalty). A webhook's event is never historical, however late it arrives.
     */
    public boolean historical(Instant now, Duration horizon) {
        return fromSync && event.occurredAt() != null && event.occurredAt().isBefore(now.minus(horizon));
    }
}
