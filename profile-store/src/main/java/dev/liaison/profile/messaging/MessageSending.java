package dev.liaison.profile.messaging;

import dev.liaison.connector.api.ConnectionContext;
import dev.liaison.connector.api.MessageSender;
import dev.liaison.connector.api.MessageSender.OutboundMessage;
import dev.liaison.connector.api.RecipientSuppressedException;
import dev.liaison.connector.api.RemoteSystemException;
import dev.liaison.platform.outbox.ActionFailed;
import dev.liaison.platform.outbox.Handled;
import dev.liaison.platform.outbox.OutboxAction;
import dev.liaison.platform.outbox.OutboxActionHandler;
import dev.liaison.platform.outbox.OutboxExecutor;
import dev.liaison.platform.outbox.OutboxStore;
import dev.liaison.platform.privacy.PersonalDataMask;
import dev.liaison.platform.queue.DueRows;
import dev.liaison.platform.registry.ConnectorRegistry;
import dev.liaison.platform.work.Backoff;
import dev.liaison.platform.work.WorkQueues;
import dev.liaison.platform.workspace.WorkspaceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Carries out {@code SEND_MESSAGE} outbox actions so that no crash or retry sends a message twice to a gateway that
 * cannot tell a repeat. The platform's outbox executor claims the action and hands it here; the gateway call runs
 * after the claim committed ({@link Handled.CallAfterCommit}). The states of the action (outbox) and of the message
 * (message log):
 *
 * <pre>
 * PENDING/QUEUED --gate refuses--------------------------------> DONE / REFUSED
 * PENDING/QUEUED --quiet hours---------------------------------> PENDING at the window's end / QUEUED
 * PENDING/QUEUED --gate allows: commit SENDING (lease, node)---> SENDING / SENDING
 *     SENDING --gateway accepts--------------------------------> DONE / SENT
 *     SENDING --gateway refuses the recipient for good---------> DONE / REFUSED  + hard suppression
 *     SENDING --permanent failure------------------------------> DEAD / FAILED
 *     SENDING --retryable, gateway answered--------------------> PENDING with backoff / QUEUED
 *     SENDING --retryable, no answer, AT_MOST_ONCE-------------> DONE / UNKNOWN
 *     SENDING --lease over (crash): AT_MOST_ONCE---------------> DONE / UNKNOWN
 *     SENDING --lease over (crash): ASK_THEN_RESEND/RESEND-----> PENDING due now (next attempt is a repeat)
 * PENDING/QUEUED --attempt fails before the gate (ActionFailed)-> DEAD / FAILED, or PENDING with backoff / QUEUED
 * </pre>
 *
 * Every refusal, deferral and failure leaves its reason in the log, with addresses and phone numbers masked.
 *
 * The gate runs again on every attempt, so a consent withdrawn while a message waited is honoured. Delivery
 * reports move SENT on to DELIVERED or FAILED (see DeliveryReports).
 */
@ApplicationScoped
public class MessageSending implements OutboxActionHandler {

    private final MessageGate gate;
    private final MessageLogStore log;
    private final OutboxStore outbox;
    private final ConnectorRegistry connectors;
    private final MessagingSettings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final String node;
    private final DoubleSupplier random;

    @Inject
    public MessageSending(MessageGate gate, MessageLogStore log, OutboxStore outbox, ConnectorRegistry connectors,
                          MessagingSettings settings, WorkQueues queues, Clock clock) {
        this(gate, log, outbox, connectors, settings, queues == null ? null : queues.outbox().backoff(), clock,
                OutboxExecutor.nodeName(), () -> ThreadLocalRandom.current().nextDouble());
    }

    MessageSending(MessageGate gate, MessageLogStore log, OutboxStore outbox, ConnectorRegistry connectors,
                   MessagingSettings settings, Backoff backoff, Clock clock, String node, DoubleSupplier random) {
        this.gate = gate;
        this.log = log;
        this.outbox = outbox;
        this.connectors = connectors;
        this.settings = settings;
        this.backoff = backoff;
        this.clock = clock;
        this.node = node;
        this.random = random;
    }

    /** For the CDI client proxy only. */
    protected MessageSending() {
        this(null, null, null, null, null, null, null, null, null);
    }

    @Override
    public Set<String> types() {
        return Set.of(MessageRequest.TYPE);
    }

    /** In the claim's transaction: ask the gate, and either settle the action or commit it as SENDING. */
    @Override
    public Handled handle(OutboxAction action, ConnectionContext connection) {
        MessageSender sender = connectors.find(connection.kind(), MessageSender.class)
                .orElseThrow(() -> new ActionFailed(action, false, "connector '" + connection.kind()
                        + "' cannot send messages", Duration.ZERO, null));
        MessageRequest request;
        try {
            request = MessageRequest.fromJson(action.payload());
        } catch (RuntimeException unreadable) {
            throw new ActionFailed(action, false, "the message payload is unreadable", Duration.ZERO, unreadable);
        }
        Instant now = clock.instant();
        String key = action.idempotencyKey();
        GateDecision decision = WorkspaceContext.call(action.workspaceId(), () -> gate.decide(request, now));
        if (decision instanceof GateDecision.Refuse refuse) {
            log.ended(connection.id(), key, MessageStatus.REFUSED, refuse.reason(), now);
            outbox.markDone(action.id(), "refused: " + refuse.reason(), now);
            return new Handled.Settled();
        }
        if (decision instanceof GateDecision.Defer defer) {
            log.waiting(connection.id(), key, defer.reason(), now);
            outbox.defer(action.id(), defer.reason(), defer.until());
            return new Handled.Settled();
        }
        GateDecision.Send send = (GateDecision.Send) decision;
        SendPolicy policy = SendPolicy.of(connection.kind());
        OutboundMessage message = message(action, request, send.recipient(), policy);
        outbox.markSending(action.id(), node, now.plus(settings.sendLease()));
        log.sending(connection.id(), key, send.recipientHash(), now);
        PreparedSend prepared = new PreparedSend(action, action.attempts() + 1, connection, sender, request,
                send.recipientHash(), message, policy);
        return new Handled.CallAfterCommit(() -> {
            SendOutcome outcome = call(prepared);
            return () -> settle(prepared, outcome);
        });
    }

    /**
     * In the claim's transaction: a SENDING action whose sender's lease ran out. Whether its message went out is
     * not known; the connection's policy decides whether it may be tried again.
     */
    @Override
    public Handled recover(OutboxAction stale, ConnectionContext connection) {
        Instant now = clock.instant();
        SendPolicy policy = SendPolicy.of(connection.kind());
        if (policy == SendPolicy.AT_MOST_ONCE) {
            String reason = "the sending node stopped during the gateway call, and " + connection.kind()
                    + " cannot be asked whether the message went out: review before resending";
            log.ended(connection.id(), stale.idempotencyKey(), MessageStatus.UNKNOWN, reason, now);
            outbox.settleSending(stale.id(), stale.attempts(), OutboxStore.DONE, "outcome unknown", reason, now, now);
        } else {
            log.waiting(connection.id(), stale.idempotencyKey(), "resumed after the sending node stopped", now);
            outbox.settleSending(stale.id(), stale.attempts(), DueRows.PENDING, null,
                    "resumed after the sending node stopped", now, now);
        }
        return new Handled.Settled();
    }

    /**
     * An attempt failed before the gateway was called (the connection was disabled, its kind sends no messages, the
     * payload is unreadable): the log says so, instead of the message staying QUEUED without a reason.
     */
    @Override
    public void failed(OutboxAction action, String reason, boolean retrying, Instant now) {
        if (retrying) {
            log.waiting(action.connectionId(), action.idempotencyKey(), "retrying: " + reason, now);
        } else {
            log.ended(action.connectionId(), action.idempotencyKey(), MessageStatus.FAILED, reason, now);
        }
    }

    /** Outside any transaction: one call to the gateway, which makes one attempt (see SmsConnector). */
    SendOutcome call(PreparedSend send) {
        try {
            return new SendOutcome.Accepted(send.sender().send(send.connection(), send.message()));
        } catch (RemoteSystemException failure) {
            return new SendOutcome.Failed(failure);
        } catch (RuntimeException bug) {
            // The call may have reached the gateway before failing, so it is no safer than a timeout.
            return new SendOutcome.Failed(new RemoteSystemException("sender failed: " + bug.getClass().getSimpleName()
                    + " (outcome unknown, no answer read)", true, null, bug));
        }
    }

    /** In its own transaction, after the call: record what the gateway said. */
    void settle(PreparedSend send, SendOutcome outcome) {
        Instant now = clock.instant();
        String connectionId = send.connection().id();
        String key = send.action().idempotencyKey();
        long id = send.action().id();
        int attempts = send.attempts();
        if (outcome instanceof SendOutcome.Accepted accepted) {
            String providerId = accepted.receipt().providerMessageId();
            log.sent(connectionId, key, providerId, now);
            outbox.settleSending(id, attempts, OutboxStore.DONE, "sent as " + providerId, null, now, now);
            return;
        }
        RemoteSystemException failure = ((SendOutcome.Failed) outcome).failure();
        // Gateways quote the recipient in their refusals (an SMTP 550 names the address), and this text is stored.
        String refusal = PersonalDataMask.scrub(failure.getMessage());
        if (failure instanceof RecipientSuppressedException suppressed) {
            WorkspaceContext.run(send.action().workspaceId(), () -> gate.suppress(send.request().channel(),
                    send.recipientHash(), suppressed.providerCode(), now));
            String reason = "the gateway refused the recipient for good (" + suppressed.providerCode()
                    + "): added to the hard-suppression list";
            log.ended(connectionId, key, MessageStatus.REFUSED, reason, now);
            outbox.settleSending(id, attempts, OutboxStore.DONE, "refused: " + reason, null, now, now);
            return;
        }
        if (!failure.retryable()) {
            log.ended(connectionId, key, MessageStatus.FAILED, refusal, now);
            outbox.settleSending(id, attempts, OutboxStore.DEAD, null, refusal, now, now);
            return;
        }
        if (send.policy() == SendPolicy.AT_MOST_ONCE && SendFailures.outcomeUnknown(failure)) {
            String reason = "no readable answer from " + send.connection().kind() + " (" + refusal
                    + "), which cannot be asked whether the message went out: review before resending";
            log.ended(connectionId, key, MessageStatus.UNKNOWN, reason, now);
            outbox.settleSending(id, attempts, OutboxStore.DONE, "outcome unknown", reason, now, now);
            return;
        }
        Instant earliest = now.plus(failure.retryAfter().orElse(Duration.ZERO));
        Optional<Instant> retryAt = backoff.next(attempts - 1, now, random)
                .map(next -> next.isBefore(earliest) ? earliest : next);
        if (retryAt.isPresent()) {
            log.waiting(connectionId, key, "retrying: " + refusal, now);
            outbox.settleSending(id, attempts, DueRows.PENDING, null, refusal, retryAt.get(), now);
        } else {
            log.ended(connectionId, key, MessageStatus.FAILED, "gave up after " + attempts + " attempts: "
                    + refusal, now);
            outbox.settleSending(id, attempts, OutboxStore.DEAD, null, refusal, now, now);
        }
    }

    private static OutboundMessage message(OutboxAction action, MessageRequest request, String recipient,
                                           SendPolicy policy) {
        Map<String, String> headers = new LinkedHashMap<>();
        if ("email".equals(request.channel())) {
            // Instructions to the e-mail connector (EmailRequest): template, locale, template variables, and the
            // purpose and profile its one-click unsubscribe token names.
            putIfPresent(headers, "liaison.template", request.template());
            putIfPresent(headers, "liaison.locale", request.locale());
            headers.put("liaison.purpose", request.purpose());
            headers.put("liaison.profile", request.profileId());
            request.variables().forEach((name, value) -> headers.put("liaison.var." + name, value));
        }
        if (policy == SendPolicy.ASK_THEN_RESEND && action.attempts() > 0) {
            headers.put(SendPolicy.REPEAT_HEADER, "true");
        }
        return new OutboundMessage(action.idempotencyKey(), request.channel(), recipient, request.subject(),
                request.text(), headers);
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, value);
        }
    }
}
