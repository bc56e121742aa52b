package dev.liaison.platform.sync;

/** Where a connection's sync stands. */
public enum SyncPhase {
    /** Waits for its next run. */
    IDLE,
    /** A node holds the lease and pulls; when the lease runs out (the node died) another node resumes the run. */
    RUNNING,
    /** Stopped by the admin: never claimed until resumed or run now. */
    PAUSED,
    /** The last attempt failed; it is retried at the next run time, from the last committed page. */
    FAILED
}
