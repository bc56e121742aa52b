package dev.liaison.profile.compliance;

/** The outcome of one request in one system. Only DONE counts as done. */
public enum ResultStatus {
    /** Due for an attempt: the first, or a retry after a failure ({@code lastError} says which). */
    PENDING,
    DONE,
    /** Failed for good or out of attempts; an officer's retry makes it PENDING again. */
    FAILED,
    /** The system holds the person's data but its connector cannot carry out this action: do it by hand there. */
    NOT_SUPPORTED
}
