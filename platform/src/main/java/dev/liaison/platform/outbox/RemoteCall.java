package dev.liaison.platform.outbox;

/**
 * The remote part of an action that must not run inside the claim's transaction, because the transaction could
 * roll back after the remote system acted: see {@link Handled.CallAfterCommit}.
 */
@FunctionalInterface
public interface RemoteCall {

    /**
     * Outside any transaction: the one call to the remote system. It does not throw: a failure is an outcome like
     * an answer, and the returned settlement records either.
     */
    Settlement call();

    /** Records what a remote call came to, in a transaction of its own. */
    @FunctionalInterface
    interface Settlement {

        void record();
    }
}
