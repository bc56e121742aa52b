package dev.liaison.profile.messaging;

import dev.liaison.platform.outbox.OutboxActionAdded;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * The one way to ask for a message to be sent. It only enqueues: a {@code SEND_MESSAGE} outbox action plus its
 * message-log row, in the caller's transaction, so a scenario step that rolls back asks for nothing. The caller's
 * idempotency key (scenario run + step) makes a repeated step find the message instead of adding a second one.
 * Whether the person may be contacted is decided by {@link MessageGate} when the executor gets to it, not here.
 */
@ApplicationScoped
public class Messages {

    private final OutboxStore outbox;
    private final MessageLogStore log;
    private final Event<OutboxActionAdded> added;
    private final Clock clock;

    @Inject
    public Messages(OutboxStore outbox, MessageLogStore log, Event<OutboxActionAdded> added, Clock clock) {
        this.outbox = outbox;
        this.log = log;
        this.added = added;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected Messages() {
        this(null, null, null, null);
    }

    /**
     * A new message's action and log row go in together where the database allows (one statement on PostgreSQL);
     * a repeated key, or H2, takes the outbox's enqueue and then the log's, each of which finds what is there.
     *
     * @return the outbox action's id, the same for every call with this connection and key
     */
    @Transactional
    public long enqueue(String workspaceId, String connectionId, String idempotencyKey, MessageRequest request) {
        Instant now = clock.instant();
        long actionId = WorkspaceContext.call(workspaceId, () -> log.queuedWithAction(connectionId, idempotencyKey,
                request, now)).orElseGet(() -> {
                    long id = outbox.enqueue(workspaceId, connectionId, idempotencyKey, MessageRequest.TYPE,
                            request.toJson(), now);
                    WorkspaceContext.run(workspaceId, () -> log.queued(connectionId, idempotencyKey, id, request,
                            now));
                    return id;
                });
        added.fire(new OutboxActionAdded(actionId));
        return actionId;
    }
}
