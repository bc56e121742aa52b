package dev.liaison.platform.processing;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.EventLimits;
import dev.liaison.connector.api.InputViolation;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.failure.Failures;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.inbox.InboxException;
import dev.liaison.platform.inbox.InboxStore;
import dev.liaison.platform.inbox.UnprocessableEventException;
import dev.liaison.platform.journal.JournalStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.trace.Correlation;
import dev.liaison.platform.work.Backoff;
import dev.liaison.platform.work.WorkQueues;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Processes the inbox a batch at a time: one transaction claims the due entries of one connection
 * ({@link InboxStore#claimBatch}), hands each entry's events on inside a savepoint of its own, and marks the
 * processed entries done and their events journaled with one JDBC batch each. An entry that fails is rolled back to
 * its savepoint and takes the usual retry or dead route in the same transaction, without the others. Should a stage
 * doom the whole transaction (a JPA or {@code @Transactional} failure marks it rollback-only) or the commit fail,
 * nothing of the batch is kept and {@link InboxProcessor} processes its entries one by one with
 * {@link #processAlone}; so an entry is either fully processed or still due, never half. Entries whose records are
 * fetched first ({@link LaneFetch}) are processed the same way by {@link #processFetched}, from those records.
 */
@ApplicationScoped
public class InboxEntryProcessing {

    /** A processing attempt failed; what it wrote is rolled back. */
    static final class AttemptFailed extends RuntimeException {
        final InboxEntry entry;
        final boolean retryable;
        final Duration notBefore;

        AttemptFailed(InboxEntry entry, boolean retryable, String reason, Throwable cause) {
            this(entry, retryable, reason, cause, Duration.ZERO);
        }

        AttemptFailed(InboxEntry entry, boolean retryable, String reason, Throwable cause, Duration notBefore) {
            super(reason, cause);
            this.entry = entry;
            this.retryable = retryable;
            this.notBefore = notBefore;
        }
    }

    /**
     * What a batch did: the entries processed to the end, and the failed attempts already recorded; or, for a
     * connection whose webhooks name records to fetch, the due entries whose records must be fetched first, with
     * nothing processed.
     */
    record BatchOutcome(List<InboxEntry> processed, List<AttemptFailed> failed, List<InboxEntry> toFetch) {

        static final BatchOutcome NOTHING_DUE = new BatchOutcome(List.of(), List.of(), List.of());

        BatchOutcome(List<InboxEntry> processed, List<AttemptFailed> failed) {
            this(processed, failed, List.of());
        }

        boolean claimedAny() {
            return !processed.isEmpty() || !failed.isEmpty();
        }
    }

    private final InboxStore inbox;
    private final JournalStore journal;
    private final ConnectionDirectory directory;
    private final ConnectorRegistry connectors;
    private final InboundHandover handover;
    private final LaneFetch laneFetch;
    private final DataSource dataSource;
    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final Backoff backoff;
    private final int batchSize;
    private final int fetchBatchSize;
    private final Clock clock;

    @Inject
    public InboxEntryProcessing(InboxStore inbox, JournalStore journal, ConnectionDirectory directory,
                                ConnectorRegistry connectors, InboundHandover handover, LaneFetch laneFetch,
                                DataSource dataSource, EntityManager entityManager,
                                TransactionSynchronizationRegistry transactions, WorkQueues queues, Clock clock) {
        this.inbox = inbox;
        this.journal = journal;
        this.directory = directory;
        this.connectors = connectors;
        this.handover = handover;
        this.laneFetch = laneFetch;
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.backoff = queues == null ? null : queues.inbox().backoff();
        this.batchSize = queues == null ? 0 : queues.inboxBatchSize();
        this.fetchBatchSize = queues == null ? 0 : queues.inboxFetchBatchSize();
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected InboxEntryProcessing() {
        this(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * Processes the due entries of one connection, each with its correlation id bound ({@link Correlation}):
     * outbox actions decided meanwhile carry it, and log lines name it. When the connection's webhooks name records to
     * fetch, nothing is processed: the due entries are returned to have their records fetched outside this
     * transaction ({@link LaneFetch}), then {@link #processFetched} processes them.
     *
     * @param passedOver connections whose records this node is fetching; their lanes are left alone
     * @param claimed    told which entries this batch holds before any is processed, so that the caller can take
     *                   them one by one should the batch fail as a whole
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public BatchOutcome processNextBatch(Set<String> passedOver, Consumer<List<InboxEntry>> claimed) {
        List<InboxEntry> batch = inbox.claimBatch(clock.instant(), batchSize, passedOver);
        if (batch.isEmpty()) {
            return BatchOutcome.NOTHING_DUE;
        }
        if (laneFetch.fetchesRecords(batch.get(0).connectionId())) {
            return new BatchOutcome(List.of(), List.of(), fetchBatchSize > batch.size()
                    ? inbox.dueOf(batch.get(0).connectionId(), clock.instant(), fetchBatchSize) : batch);
        }
        claimed.accept(batch);
        return processClaimed(batch, null);
    }

    /**
     * Processes the entries of a lane whose records were fetched, those still due, if no other worker holds the
     * lane now.
     *
     * @param claimed as for {@link #processNextBatch}
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public BatchOutcome processFetched(FetchedLane lane, Consumer<List<InboxEntry>> claimed) {
        List<InboxEntry> batch = inbox.claimLane(lane.connectionId(), lane.entryIds(), clock.instant());
        if (batch.isEmpty()) {
            return BatchOutcome.NOTHING_DUE;
        }
        claimed.accept(batch);
        return processClaimed(batch, lane);
    }

    private BatchOutcome processClaimed(List<InboxEntry> batch, FetchedLane lane) {
        List<InboxEntry> processed = new ArrayList<>();
        List<AttemptFailed> failed = new ArrayList<>();
        List<JournalStore.Recorded> handedOn = new ArrayList<>();
        try (Connection transaction = dataSource.getConnection()) {
            EntrySavepoint savepoint = new EntrySavepoint(transaction);
            for (InboxEntry entry : batch) {
                savepoint.set();
                try {
                    handedOn.addAll(Correlation.call(entry.requestId(), () -> process(entry, lane)));
                    entityManager.flush();
                    entityManager.clear();
                    savepoint.release();
                    processed.add(entry);
                } catch (AttemptFailed failure) {
                    if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
                        throw failure;
                    }
                    savepoint.rollback();
                    entityManager.clear();
                    failed.add(failure);
                }
            }
        } catch (SQLException e) {
            throw new InboxException("could not keep the inbox batch's savepoints", e);
        }
        Instant now = clock.instant();
        journal.recordAll(handedOn, now);
        inbox.markDone(processed.stream().map(InboxEntry::id).toList(), now);
        failed.forEach(failure -> record(failure, now));
        return new BatchOutcome(processed, failed);
    }

    /**
     * Processes one entry of a batch that failed as a whole, if it is still due and no other worker holds it.
     *
     * @param lane the records fetched for the batch, or null when its connection fetches none
     * @return the entry that was processed, or empty when it was not due any more
     * @throws AttemptFailed when the attempt failed; the caller records it with {@link #recordFailure}
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<InboxEntry> processAlone(long entryId, FetchedLane lane) {
        Optional<InboxEntry> claimed = inbox.claimEntry(entryId, clock.instant());
        claimed.ifPresent(entry -> {
            List<JournalStore.Recorded> handedOn = Correlation.call(entry.requestId(), () -> process(entry, lane));
            Instant now = clock.instant();
            journal.recordAll(handedOn, now);
            inbox.markDone(List.of(entry.id()), now);
        });
        return claimed;
    }

    /** A failure of an attempt that {@link #processAlone} could not turn into an {@link AttemptFailed} itself. */
    static AttemptFailed failedAtCommit(InboxEntry entry, RuntimeException failure) {
        return new AttemptFailed(entry, true, Failures.withoutValues(failure), failure);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(AttemptFailed failure) {
        record(failure, clock.instant());
    }

    private void record(AttemptFailed failure, Instant now) {
        Instant earliest = now.plus(failure.notBefore);
        Optional<Instant> retryAt = failure.retryable
                ? backoff.next(failure.entry.attempts(), now, ThreadLocalRandom.current()::nextDouble)
                        .map(next -> next.isBefore(earliest) ? earliest : next)
                : Optional.empty();
        inbox.recordFailure(failure.entry.id(), failure.entry.attempts(), describe(failure), retryAt, now);
    }

    private List<JournalStore.Recorded> process(InboxEntry entry, FetchedLane lane) {
        ConnectionContext connection = directory.active(entry.connectionId())
                .orElseThrow(() -> new AttemptFailed(entry, false, "the connection is disabled or gone", null));
        WebhookReceiver receiver = connectors.find(connection.kind(), WebhookReceiver.class)
                .orElseThrow(() -> new AttemptFailed(entry, false,
                        "no connector of kind '" + connection.kind() + "' receives webhooks", null));
        List<CanonicalEvent> events;
        try {
            events = lane == null ? receiver.parse(connection, entry.toRequest())
                    : lane.parser().parse(connection, entry.toRequest());
        } catch (MalformedPayloadException e) {
            throw new AttemptFailed(entry, false, "malformed payload: " + e.getMessage(), e);
        } catch (RemoteSystemException e) {
            throw new AttemptFailed(entry, e.retryable(), "remote system: " + e.getMessage(), e,
                    e.retryAfter().orElse(Duration.ZERO));
        }
        outOfBounds(events).ifPresent(reason -> {
            throw new AttemptFailed(entry, false, reason, null);
        });
        try {
            Set<Capability> capabilities = handover.capabilities(connection);
            return WorkspaceContext.call(entry.workspaceId(),
                    () -> handover.handOn(entry, connection, capabilities, events, false));
        } catch (UnprocessableEventException e) {
            throw new AttemptFailed(entry, false, "unprocessable: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new AttemptFailed(entry, true, Failures.withoutValues(e), e);
        }
    }

    /**
     * Names the fields of events that can never be stored: given to the observers they would fail in the database
     * on every retry, with an error that quotes the value. Only field names are kept: the values may be personal.
     */
    static Optional<String> outOfBounds(List<CanonicalEvent> events) {
        List<String> problems = new ArrayList<>();
        for (int seq = 0; seq < events.size(); seq++) {
            for (InputViolation violation : EventLimits.check(events.get(seq))) {
                problems.add((events.size() > 1 ? "event " + seq + " " : "") + events.get(seq).type() + " "
                        + violation);
            }
        }
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("out of bounds: " + String.join("; ", problems));
    }

    private static String describe(AttemptFailed failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
