package dev.liaison.platform.processing;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.EventLimits;
import dev.liaison.platform.inbox.InboundEvent;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.inbox.InboxException;
import dev.liaison.platform.inbox.UnprocessableEventException;
import dev.liaison.platform.journal.JournalStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Hands canonical events to the stages {@link InboundStages} names, in their order, inside the caller's
 * transaction: the one step that webhook processing ({@link InboxEntryProcessing}) and pull sync share, so that a
 * record reaches the profile store, loyalty, routing and scenarios the same way whichever path brought it. What it
 * returns is what the caller journals with {@link JournalStore#recordAll}, in the same transaction.
 */
@ApplicationScoped
public class InboundHandover {

    /**
     * What {@link #handOnEach} did with a page of events: those handed on, and the positions in the page of those
     * left out as out of bounds ({@code skippedAt}) or refused by a stage ({@code failedAt}).
     */
    public record Outcome(List<JournalStore.Recorded> handedOn, List<Integer> skippedAt, List<Integer> failedAt) {

        public Outcome {
            handedOn = List.copyOf(handedOn);
            skippedAt = List.copyOf(skippedAt);
            failedAt = List.copyOf(failedAt);
        }

        public int skipped() {
            return skippedAt.size();
        }

        public int failed() {
            return failedAt.size();
        }
    }

    private static final ThreadLocal<InboundEvent> HANDING_ON = new ThreadLocal<>();

    private final Event<InboundEvent> inboundEvents;
    private final ConnectorRegistry connectors;
    private final DataSource dataSource;
    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;

    @Inject
    public InboundHandover(Event<InboundEvent> inboundEvents, ConnectorRegistry connectors, DataSource dataSource,
                           EntityManager entityManager, TransactionSynchronizationRegistry transactions) {
        this.inboundEvents = inboundEvents;
        this.connectors = connectors;
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.transactions = transactions;
    }

    /** For the CDI client proxy only. */
    protected InboundHandover() {
        this(null, null, null, null, null);
    }

    /**
     * The event this thread is handing to the stages right now, if any: for reactions to what a stage itself fires
     * (a consent recorded, a tier changed), which need to know what caused it, e.g. whether it is synced history.
     */
    public static Optional<InboundEvent> handingOn() {
        return Optional.ofNullable(HANDING_ON.get());
    }

    /** What the connection's connector can do in return, for the stages that decide actions. */
    public Set<Capability> capabilities(ConnectionContext connection) {
        return connectors.find(connection.kind()).map(Connector::capabilities).orElse(Set.of());
    }

    /**
     * Each event goes through every stage; the events all stages accepted are returned for the journal. A stage that
     * fails fails the whole call: the caller rolls the entry back.
     */
    public List<JournalStore.Recorded> handOn(InboxEntry entry, ConnectionContext connection,
                                              Set<Capability> capabilities, List<CanonicalEvent> events,
                                              boolean fromSync) {
        List<JournalStore.Recorded> handedOn = new ArrayList<>();
        for (int seq = 0; seq < events.size(); seq++) {
            fire(new InboundEvent(connection, capabilities, entry.id(), seq, events.get(seq), fromSync));
            handedOn.add(new JournalStore.Recorded(entry, seq, events.get(seq)));
        }
        return handedOn;
    }

    /**
     * Hands on a page of records a sync pulled, each in a savepoint of its own: one record that can never be stored
     * (out of {@link EventLimits}, or refused by a stage as {@link UnprocessableEventException}) is left out and
     * counted instead of failing the page on every retry, since a pull would fetch it again each time. Any other
     * failure, or one that dooms the transaction, is thrown: the page is rolled back and pulled again later.
     */
    public Outcome handOnEach(InboxEntry entry, ConnectionContext connection, List<CanonicalEvent> events) {
        Set<Capability> capabilities = capabilities(connection);
        List<JournalStore.Recorded> handedOn = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        try (Connection transaction = dataSource.getConnection()) {
            EntrySavepoint savepoint = new EntrySavepoint(transaction);
            for (int seq = 0; seq < events.size(); seq++) {
                CanonicalEvent event = events.get(seq);
                if (!EventLimits.check(event).isEmpty()) {
                    skipped.add(seq);
                    continue;
                }
                savepoint.set();
                try {
                    fire(new InboundEvent(connection, capabilities, entry.id(), seq, event, true));
                    entityManager.flush();
                    entityManager.clear();
                    savepoint.release();
                    handedOn.add(new JournalStore.Recorded(entry, seq, event));
                } catch (UnprocessableEventException e) {
                    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
                        throw e;
                    }
                    savepoint.rollback();
                    entityManager.clear();
                    failed.add(seq);
                }
            }
        } catch (SQLException e) {
            throw new InboxException("could not keep the sync page's savepoints", e);
        }
        return new Outcome(handedOn, skipped, failed);
    }

    private void fire(InboundEvent event) {
        HANDING_ON.set(event);
        try {
            inboundEvents.fire(event);
        } finally {
            HANDING_ON.remove();
        }
    }
}
