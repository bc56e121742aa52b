package dev.liaison.platform.outbox;

/** What one claim of the outbox left to do once its transaction committed. */
sealed interface Claimed {

    OutboxAction action();

    /** Carried out, refused, deferred or failed inside the claim's transaction: nothing left. */
    record Settled(OutboxAction action) implements Claimed {
    }

    /** Committed as SENDING: the remote call comes next, then its own transaction settles it. */
    record ToCall(OutboxAction action, RemoteCall call) implements Claimed {
    }
}
