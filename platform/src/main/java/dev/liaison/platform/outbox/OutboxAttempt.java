package dev.liaison.platform.outbox;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.platform.connection.ConnectionDirectory;
import dev.liaison.platform.privacy.PersonalDataMask;
import dev.liaison.platform.work.WorkQueueSettings;
import dev.liaison.platform.work.WorkQueues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One attempt at one outbox action, in one transaction that holds the action's row lock: the handler of the action's
 * type carries it out against the connected system, then the action is marked done. A crash between the remote call
 * and the commit leaves it due, so an action is carried out at least once; handlers are written to be safe to repeat.
 * Messages are the exception, as a repeat would reach a person twice: the claim's transaction only commits them as
 * SENDING, the gateway is called after the commit, and a transaction of its own settles them (see
 * {@link OutboxActionHandler}).
 */
@ApplicationScoped
public class OutboxAttempt {

    private final OutboxStore outbox;
    private final ConnectionDirectory directory;
    private final Map<String, OutboxActionHandler> handlers;
    private final WorkQueueSettings settings;
    private final Clock clock;

    @Inject
    public OutboxAttempt(OutboxStore outbox, ConnectionDirectory directory, Instance<OutboxActionHandler> handlers,
                         WorkQueues queues, Clock clock) {
        this(outbox, directory, handlers == null ? List.of() : handlers.stream().toList(),
                queues == null ? null : queues.outbox(), clock);
    }

    OutboxAttempt(OutboxStore outbox, ConnectionDirectory directory, List<OutboxActionHandler> handlers,
                  WorkQueueSettings settings, Clock clock) {
        this.outbox = outbox;
        this.directory = directory;
        this.handlers = byType(handlers);
        this.settings = settings;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected OutboxAttempt() {
        this(null, null, (Instance<OutboxActionHandler>) null, null, null);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claimed> executeNextDue() {
        Optional<OutboxAction> claimed = outbox.claimDue(clock.instant());
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        OutboxAction action = claimed.get();
        ConnectionContext connection = connection(action);
        return Optional.of(claimed(action, handler(action).handle(action, connection)));
    }

    /** An action committed as SENDING whose lease ran out (its node died or hung mid-call). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Claimed> recoverNextStale() {
        return outbox.claimStaleSending(clock.instant())
                .map(stale -> claimed(stale, handler(stale).recover(stale, connection(stale))));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void settle(RemoteCall.Settlement settlement) {
        settlement.record();
    }

    /** At start: nothing this node began before a restart is still in flight, so its SENDING actions are stale. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int releaseOwnSending() {
        return outbox.releaseSending(OutboxExecutor.nodeName(), clock.instant());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(ActionFailed failure) {
        Instant now = clock.instant();
        Instant earliest = now.plus(failure.notBefore);
        Optional<Instant> retryAt = failure.retryable
                ? settings.backoff().next(failure.action.attempts(), now, ThreadLocalRandom.current()::nextDouble)
                        .map(next -> next.isBefore(earliest) ? earliest : next)
                : Optional.empty();
        String reason = PersonalDataMask.scrub(failure.getMessage());
        outbox.recordFailure(failure.action.id(), reason, retryAt, now);
        OutboxActionHandler handler = handlers.get(failure.action.type());
        if (handler != null) {
            handler.failed(failure.action, reason, retryAt.isPresent(), now);
        }
    }

    private Claimed claimed(OutboxAction action, Handled handled) {
        if (handled instanceof Handled.Done done) {
            outbox.markDone(action.id(), done.result(), clock.instant());
        }
        return handled instanceof Handled.CallAfterCommit toCall ? new Claimed.ToCall(action, toCall.call())
                : new Claimed.Settled(action);
    }

    private ConnectionContext connection(OutboxAction action) {
        return directory.active(action.connectionId())
                .orElseThrow(() -> new ActionFailed(action, false, "the connection is disabled or gone",
                        Duration.ZERO, null));
    }

    private OutboxActionHandler handler(OutboxAction action) {
        OutboxActionHandler handler = handlers.get(action.type());
        if (handler == null) {
            throw new ActionFailed(action, false, "unknown action type " + action.type(), Duration.ZERO, null);
        }
        return handler;
    }

    private static Map<String, OutboxActionHandler> byType(List<OutboxActionHandler> handlers) {
        Map<String, OutboxActionHandler> byType = new TreeMap<>();
        for (OutboxActionHandler handler : handlers) {
            for (String type : handler.types()) {
                if (byType.putIfAbsent(type, handler) != null) {
                    throw new IllegalStateException("Two outbox action handlers claim type '" + type + "'");
                }
            }
        }
        return byType;
    }
}
