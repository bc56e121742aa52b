package dev.liaison.platform.outbox;

/** What an {@link OutboxActionHandler}'s attempt came to, inside the claim's transaction. */
public sealed interface Handled {

    /** Carried out: the executor marks the action done with this result, which names no personal data. */
    record Done(String result) implements Handled {
    }

    /** The handler recorded what became of the action itself (refused, deferred, resumed): nothing is left. */
    record Settled() implements Handled {
    }

    /** Committed as {@link OutboxStore#SENDING}: the executor makes the call once the claim has committed. */
    record CallAfterCommit(RemoteCall call) implements Handled {
    }
}
