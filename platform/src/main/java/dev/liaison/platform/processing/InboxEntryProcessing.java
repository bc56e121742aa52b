package dev.liaison.platform.processing;

import dev.liaison.connector.api.CanonicalEvent;
import dev.liaison.connector.api.Capability;
import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.Connector;
import dev.liaison.connector.api.EventLimits;
import dev.liaison.connector.api.InputViolation;
import dev.liaison.connector.api.MalformedPayloadException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.WebhookReceiver;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.failure.Failures;
import dev.liaison.platform.inbox.InboundEvent;
import dev.liaison.platform.inbox.InboxEntry;
import dev.liaison.platform.inbox.InboxStore;
import dev.liaison.platform.inbox.UnprocessableEventException;
import dev.liaison.platform.journal.JournalStore;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.trace.Correlation;
import dev.liaison.platform.work.Backoff;
import dev.liaison.platform.work.WorkQueues;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One processing attempt, one transaction: claim a due entry, parse it, hand every event on, mark it done. If
 * anything fails the transaction rolls back as a whole and the failure is recorded in a transaction of its own,
 * so an entry is either fully processed or still due; never half.
 */
@ApplicationScoped
public class InboxEntryProcessing {

    /** A processing attempt failed; the transaction that claimed the entry is rolled back. */
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

    private final InboxStore inbox;
    private final JournalStore journal;
    private final ConnectionDirectory directory;
    private final ConnectorRegistry connectors;
    private final Event<InboundEvent> inboundEvents;
    private final Backoff backoff;
    private final Clock clock;

    @Inject
    public InboxEntryProcessing(InboxStore inbox, JournalStore journal, ConnectionDirectory directory,
                                ConnectorRegistry connectors, Event<InboundEvent> inboundEvents,
                                WorkQueues queues, Clock clock) {
        this.inbox = inbox;
        this.journal = journal;
        this.directory = directory;
        this.connectors = connectors;
        this.inboundEvents = inboundEvents;
        this.backoff = queues == null ? null : queues.inbox().backoff();
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected InboxEntryProcessing() {
        this(null, null, null, null, null, null, null);
    }

    /**
     * Processes the oldest due entry, if any, with its correlation id bound ({@link Correlation}): outbox actions
     * decided meanwhile carry it, and log lines name it.
     *
     * @return the entry that was attempted, or empty when nothing is due
     * @throws AttemptFailed when the attempt failed; the caller records it with {@link #recordFailure}
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<InboxEntry> processNextDue() {
        Optional<InboxEntry> claimed = inbox.claimDue(clock.instant());
        claimed.ifPresent(entry -> Correlation.run(entry.requestId(), () -> process(entry)));
        return claimed;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(AttemptFailed failure) {
        Instant now = clock.instant();
        Instant earliest = now.plus(failure.notBefore);
        Optional<Instant> retryAt = failure.retryable
                ? backoff.next(failure.entry.attempts(), now, ThreadLocalRandom.current()::nextDouble)
                        .map(next -> next.isBefore(earliest) ? earliest : next)
                : Optional.empty();
        inbox.recordFailure(failure.entry.id(), failure.entry.attempts(), describe(failure), retryAt, now);
    }

    private void process(InboxEntry entry) {
        ConnectionContext connection = directory.active(entry.connectionId())
                .orElseThrow(() -> new AttemptFailed(entry, false, "the connection is disabled or gone", null));
        WebhookReceiver receiver = connectors.find(connection.kind(), WebhookReceiver.class)
                .orElseThrow(() -> new AttemptFailed(entry, false,
                        "no connector of kind '" + connection.kind() + "' receives webhooks", null));
        List<CanonicalEvent> events;
        try {
            events = receiver.parse(connection, entry.toRequest());
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
            Set<Capability> capabilities = connectors.find(connection.kind()).map(Connector::capabilities)
                    .orElse(Set.of());
            WorkspaceContext.run(entry.workspaceId(), () -> handOn(entry, connection, capabilities, events));
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

    /** Each event goes through the stages {@link InboundStages} names, in their order, and then to the journal. */
    private void handOn(InboxEntry entry, ConnectionContext connection, Set<Capability> capabilities,
                        List<CanonicalEvent> events) {
        Instant now = clock.instant();
        for (int seq = 0; seq < events.size(); seq++) {
            inboundEvents.fire(new InboundEvent(connection, capabilities, entry.id(), seq, events.get(seq)));
            journal.record(entry, seq, events.get(seq), now);
        }
        inbox.markDone(entry.id(), now);
    }

    private static String describe(AttemptFailed failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
}
