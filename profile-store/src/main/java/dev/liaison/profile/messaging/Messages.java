package dev.liaison.profile.messaging;

import dev.liaison.platform.outbox.OutboxActionAdded;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

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

    /** @return the outbox action's id, the same for every call with this connection and key */
    @Transactional
    public long enqueue(String workspaceId, String connectionId, String idempotencyKey, MessageRequest request) {
        long actionId = outbox.enqueue(workspaceId, connectionId, idempotencyKey, MessageRequest.TYPE,
                request.toJson(), clock.instant());
        WorkspaceContext.run(workspaceId, () -> log.queued(connectionId, idempotencyKey, actionId, request,
                clock.instant()));
        added.fire(new OutboxActionAdded(actionId));
        return actionId;
    }
}
