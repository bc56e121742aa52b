package dev.liaison.platform.outbox;

import dev.liaison.connector.api.ConnectionContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Carries out the outbox actions of one or more types. Each handler is a CDI bean in the module that owns what the
 * action needs (sending a message lives with the consent gate and message log of {@code profile-store}); the
 * {@link OutboxExecutor} claims an action, finds the handler of its type and records what the handler's attempt
 * came to, with retries, backoff, {@code Retry-After} and dead letters the same for every type.
 *
 * <p>An attempt runs in the claim's transaction, which holds the action's row lock, so a crash before its commit
 * leaves the action due: it is carried out at least once, and a handler's remote call must be safe to repeat
 * (routing sets values and merges tags, a field write sets values). A call that must not be repeated blindly (a
 * message could reach a person twice) is not made in that transaction: the handler commits the action as
 * {@link OutboxStore#SENDING} and returns {@link Handled.CallAfterCommit}.
 */
public interface OutboxActionHandler {

    /** The action types ({@link OutboxAction#type()}) this handler carries out; no two handlers share one. */
    Set<String> types();

    /**
     * One attempt at a claimed action, in the claim's transaction.
     *
     * @throws ActionFailed when the attempt failed: the transaction rolls back and the executor records the
     *                      failure in a transaction of its own, retrying it or making it dead
     */
    Handled handle(OutboxAction action, ConnectionContext connection);

    /**
     * In a claim's transaction: an action this handler committed as {@link OutboxStore#SENDING} whose lease ran out
     * (its node died or hung during the call). Only a handler that returns {@link Handled.CallAfterCommit} leaves
     * actions in that state, so any other has nothing to resume.
     */
    /**
     * In the transaction that records a failed attempt ({@link ActionFailed}), after the action was marked: lets a
     * handler that keeps a state of its own (the message log) say what became of the action. {@code reason} is the
     * failure's message with addresses and phone numbers masked.
     *
     * @param retrying whether the action is due again later, or dead
     */
    default void failed(OutboxAction action, String reason, boolean retrying, Instant now) {
    }

    default Handled recover(OutboxAction stale, ConnectionContext connection) {
        throw new ActionFailed(stale, false, "actions of type " + stale.type() + " are never left sending",
                Duration.ZERO, null);
    }
}
