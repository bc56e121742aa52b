package dev.liaison.web.outbox;

import dev.liaison.platform.outbox.OutboxAction;

/** What one claim of the outbox left to do once its transaction committed. */
sealed interface Claimed {

    OutboxAction action();

    /** Carried out, refused, deferred or failed inside the claim's transaction: nothing left. */
    record Settled(OutboxAction action) implements Claimed {
    }

    /** Committed as SENDING: the gateway call comes next, then its own transaction settles it. */
    record ToSend(PreparedSend send) implements Claimed {

        @Override
        public OutboxAction action() {
            return send.action();
        }
    }
}
