package dev.liaison.web.outbox;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.RecordWriter;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.connector.api.TicketRouter;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.outbox.OutboxAction;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.outbox.RouteTicketPayload;
import dev.liaison.platform.outbox.WriteFieldsAction;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.work.WorkQueueSettings;
import dev.liaison.platform.work.WorkQueues;
import dev.liaison.profile.messaging.MessageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One attempt at one outbox action, in one transaction that holds the action's row lock: carry it out against the
 * connected system, then mark it done. A crash between the remote call and the commit leaves it due, so an action
 * is carried out at least once; actions are written to be safe to repeat (routing sets values and merges tags, a
 * field write sets values). Messages are the exception, as a repeat would reach a person twice: the claim's
 * transaction only commits them as SENDING, the gateway is called after the commit, and a transaction of its own
 * settles them (MessageSending).
 */
@ApplicationScoped
public class OutboxAttempt {

    private final OutboxStore outbox;
    private final ConnectionDirectory directory;
    private final ConnectorRegistry connectors;
    private final WorkQueueSettings settings;
    private final MessageSending messages;
    private final Clock clock;

    @Inject
    public OutboxAttempt(OutboxStore outbox, ConnectionDirectory directory, ConnectorRegistry connectors,
                         WorkQueues queues, MessageSending messages, Clock clock) {
        this.outbox = outbox;
        this.directory = directory;
        this.connectors = connectors;
        this.settings = queues == null ? null : queues.outbox();
        this.messages = messages;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected OutboxAttempt() {
        this(null, null, null, null, null, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claimed> executeNextDue() {
        Optional<OutboxAction> claimed = outbox.claimDue(clock.instant());
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        OutboxAction action = claimed.get();
        ConnectionContext connection = connection(action);
        if (MessageRequest.TYPE.equals(action.type())) {
            return Optional.of(messages.prepare(action, connection));
        }
        outbox.markDone(action.id(), execute(action, connection), clock.instant());
        return Optional.of(new Claimed.Settled(action));
    }

    /** A message whose sender's lease ran out (its node died or hung mid-call). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claimed> recoverNextStale() {
        return outbox.claimStaleSending(clock.instant())
                .map(stale -> messages.recover(stale, connection(stale)));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void settle(PreparedSend send, SendOutcome outcome) {
        messages.settle(send, outcome);
    }

    /** At start: nothing this node began before a restart is still in flight, so its SENDING actions are stale. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int releaseOwnSending() {
        return outbox.releaseSending(messages.node(), clock.instant());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(ActionFailed failure) {
        Instant now = clock.instant();
        Instant earliest = now.plus(failure.notBefore);
        Optional<Instant> retryAt = failure.retryable
                ? settings.backoff().next(failure.action.attempts(), now, ThreadLocalRandom.current()::nextDouble)
                        .map(next -> next.isBefore(earliest) ? earliest : next)
                : Optional.empty();
        outbox.recordFailure(failure.action.id(), failure.getMessage(), retryAt, now);
    }

    private ConnectionContext connection(OutboxAction action) {
        return directory.active(action.connectionId())
                .orElseThrow(() -> new ActionFailed(action, false, "the connection is disabled or gone",
                        Duration.ZERO, null));
    }

    private String execute(OutboxAction action, ConnectionContext connection) {
        return switch (action.type()) {
            case RouteTicketPayload.TYPE -> routeTicket(action, connection);
            case WriteFieldsAction.TYPE -> writeFields(action, connection);
            default -> throw new ActionFailed(action, false, "unknown action type " + action.type(), Duration.ZERO,
                    null);
        };
    }

    private String routeTicket(OutboxAction action, ConnectionContext connection) {
        TicketRouter router = connectors.find(connection.kind(), TicketRouter.class)
                .orElseThrow(() -> new ActionFailed(action, false, "connector '" + connection.kind()
                        + "' cannot route tickets", Duration.ZERO, null));
        String ticketId = RouteTicketPayload.ticketId(action.payload());
        try {
            router.apply(connection, ticketId, RouteTicketPayload.decision(action.payload()));
            return "ticket " + ticketId + " updated";
        } catch (RemoteSystemException e) {
            throw failed(action, e);
        }
    }

    /** The result names the fields, never their values: a scenario may write personal data. */
    private String writeFields(OutboxAction action, ConnectionContext connection) {
        RecordWriter writer = connectors.find(connection.kind(), RecordWriter.class)
                .orElseThrow(() -> new ActionFailed(action, false, "connector '" + connection.kind()
                        + "' cannot write CRM fields", Duration.ZERO, null));
        WriteFieldsAction write;
        try {
            write = WriteFieldsAction.fromJson(action.payload());
        } catch (RuntimeException unreadable) {
            throw new ActionFailed(action, false, "the write payload is unreadable", Duration.ZERO, unreadable);
        }
        try {
            writer.updateFields(connection, write.entity(), write.recordId(), write.fields());
            return write.entity().name().toLowerCase(Locale.ROOT) + " " + write.recordId() + ": "
                    + String.join(", ", new TreeSet<>(write.fields().keySet())) + " updated";
        } catch (RemoteSystemException e) {
            throw failed(action, e);
        }
    }

    private static ActionFailed failed(OutboxAction action, RemoteSystemException e) {
        return new ActionFailed(action, e.retryable(), e.getMessage(), e.retryAfter().orElse(Duration.ZERO), e);
    }
}
