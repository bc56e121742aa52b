package dev.liaison.platform.outbox;

/** Fired when an action was added to the outbox; observed after commit to wake the executor at once. */
public record OutboxActionAdded(long actionId) {
}
