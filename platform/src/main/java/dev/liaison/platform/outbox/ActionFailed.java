package dev.liaison.platform.outbox;

import dev.liaison.connector.api.RemoteSystemException;
import java.time.Duration;

/**
 * An attempt at an outbox action failed; its transaction is rolled back and the failure recorded separately. The
 * message is stored and logged, so it names no personal data.
 */
public final class ActionFailed extends RuntimeException {

    final OutboxAction action;
    final boolean retryable;
    final Duration notBefore;

    /**
     * @param retryable whether another attempt may succeed (after backoff), or the action is dead at once
     * @param notBefore the earliest the next attempt may come, such as a remote system's {@code Retry-After}
     */
    public ActionFailed(OutboxAction action, boolean retryable, String reason, Duration notBefore, Throwable cause) {
        super(reason, cause);
        this.action = action;
        this.retryable = retryable;
        this.notBefore = notBefore;
    }

    /** The remote system refused or failed: whether to retry, and when, is its call. */
    static ActionFailed remote(OutboxAction action, RemoteSystemException e) {
        return new ActionFailed(action, e.retryable(), e.getMessage(), e.retryAfter().orElse(Duration.ZERO), e);
    }
}
