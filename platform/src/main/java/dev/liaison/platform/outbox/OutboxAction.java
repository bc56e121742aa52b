package dev.liaison.platform.outbox;

import java.time.Instant;

/**
 * One decided action waiting to be carried out against a connected system, or already carried out. {@code requestId}
 * is the correlation id of the delivery whose processing decided it, null when something else did (a timer, an API
 * call).
 */
public record OutboxAction(long id, String workspaceId, String connectionId, String idempotencyKey, String type,
                           String payload, String status, int attempts, Instant nextAttemptAt, String lastError,
                           String result, Instant createdAt, Instant doneAt, String requestId) {
}
