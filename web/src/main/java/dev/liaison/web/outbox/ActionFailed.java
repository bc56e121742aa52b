package dev.liaison.web.outbox;

import dev.liaison.platform.outbox.OutboxAction;
import java.time.Duration;

/** An attempt at an outbox action failed; its transaction is rolled back and the failure recorded separately. */
final class ActionFailed extends RuntimeException {

    final OutboxAction action;
    final boolean retryable;
    final Duration notBefore;

    ActionFailed(OutboxAction action, boolean retryable, String reason, Duration notBefore, Throwable cause) {
        super(reason, cause);
        this.action = action;
        this.retryable = retryable;
        this.notBefore = notBefore;
    }
}
